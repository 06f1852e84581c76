/**
 * @module
 * Customer authentication: a bearer access token whose session is still open, whose customer is
 * active, and whose token version is current. The customer always comes from here, never from
 * the request's input.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { customers, sessions } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { verifyAccessToken } from '../lib/tokens.ts';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  return match?.[1] ?? null;
}

export const requireCustomer = createMiddleware<AppEnv>(async (c, next) => {
  const { db, config, clock } = c.var.ports;
  const token = bearerToken(c.req.header('authorization'));
  const now = clock.now();
  const claims = token && (await verifyAccessToken(token, config.TOKEN_SECRET, now));
  if (!claims) throw new ApiError('unauthenticated');

  const [row] = await db
    .select({ customer: customers })
    .from(sessions)
    .innerJoin(customers, eq(customers.id, sessions.customerId))
    .where(
      and(
        eq(sessions.id, claims.sid),
        eq(sessions.customerId, claims.sub),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(customers.tokenVersion, claims.ver),
        eq(customers.active, true),
      ),
    )
    .limit(1);
  if (!row) throw new ApiError('unauthenticated');

  c.set('customer', row.customer);
  c.set('sessionId', claims.sid);
  await next();
});
