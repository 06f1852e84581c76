/**
 * @module
 * Customer authentication: a bearer access token whose session is still open, whose customer is
 * active, and whose token version is current. The customer always comes from here, never from
 * the request's input.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { preparedQuery } from '../db/prepared.ts';
import { customers, sessions } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import type { Database } from '../ports.ts';
import { ApiError } from '../errors.ts';
import { fromBase64Url } from '../lib/encoding.ts';
import { verifyAccessToken, type AccessClaims } from '../lib/tokens.ts';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Tokens whose signature has been verified, per secret, with their claims and expiry. Checking
 * an HMAC through WebCrypto costs more than all the rest of a ticket list (see BENCHMARKS.md);
 * a token's signature never changes, and its session is still read from the database on every
 * request, so log out, password changes and deactivation take effect at once.
 */
const verified = new Map<string, Map<string, { claims: AccessClaims; expiresAt: number }>>();
const MAX_VERIFIED = 10_000;

/** The `exp` of a token already verified, in milliseconds. */
function expiryOf(token: string): number {
  const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(token.split('.')[1]!)));
  return Number(payload.exp) * 1000;
}

async function verifiedClaims(token: string, secret: string, now: Date) {
  let known = verified.get(secret);
  const hit = known?.get(token);
  if (hit && now.getTime() < hit.expiresAt) return hit.claims;
  const claims = await verifyAccessToken(token, secret, now);
  if (!claims) return null;
  if (!known) verified.set(secret, (known = new Map()));
  // The oldest entry goes first: a Map iterates in insertion order.
  if (known.size >= MAX_VERIFIED) known.delete(known.keys().next().value!);
  known.set(token, { claims, expiresAt: expiryOf(token) });
  return claims;
}

/** The token's session, still open, with its customer, active and at the token's version. */
function sessionCheck(db: Database) {
  return db
    .select({ customer: customers })
    .from(sessions)
    .innerJoin(customers, eq(customers.id, sessions.customerId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.customerId, sql.placeholder('customerId')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(customers.tokenVersion, sql.placeholder('tokenVersion')),
        eq(customers.active, true),
      ),
    )
    .limit(1)
    .prepare();
}

export const requireCustomer = createMiddleware<AppEnv>(async (c, next) => {
  // Route groups may each ask for a customer on the same path: check once per request.
  if (c.var.customer) return next();
  const { db, config, clock } = c.var.ports;
  const token = bearerToken(c.req.header('authorization'));
  const now = clock.now();
  const claims = token && (await verifiedClaims(token, config.TOKEN_SECRET, now));
  if (!claims) throw new ApiError('unauthenticated');

  const row = await preparedQuery(db, 'session check', sessionCheck).get({
    sessionId: claims.sid,
    customerId: claims.sub,
    now: sessions.expiresAt.mapToDriverValue(now),
    tokenVersion: claims.ver,
  });
  if (!row) throw new ApiError('unauthenticated');

  c.set('customer', row.customer);
  c.set('sessionId', claims.sid);
  await next();
});
