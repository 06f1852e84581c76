/**
 * @module
 * `POST /api/session` logs a customer in, `DELETE /api/session` logs this session out.
 * A wrong password and an unknown e-mail get the same answer after the same work.
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../contract/routes.ts';
import { loginBody } from '../contract/schemas.ts';
import type { SessionCreated } from '../contract/types.ts';
import { customers, sessions } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { randomId } from '../lib/encoding.ts';
import { decoyHash, verifyPassword } from '../lib/password.ts';
import { signAccessToken } from '../lib/tokens.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { requireJson, validate } from '../middleware/validate.ts';
import { toCustomer } from './me.ts';

export const sessionRoutes = new Hono<AppEnv>()
  .post(ROUTES.session, requireJson, validate('json', loginBody), async (c) => {
    const { db, config, clock } = c.var.ports;
    const { email, password } = c.req.valid('json');
    const [customer] = await db
      .select()
      .from(customers)
      .where(eq(customers.email, email.toLowerCase()))
      .limit(1);
    const hash = customer?.active && customer.passwordHash;
    const matches = await verifyPassword(
      password,
      hash || (await decoyHash(config.PBKDF2_ITERATIONS)),
    );
    if (!customer || !hash || !matches) throw new ApiError('invalid_credentials');

    const now = clock.now();
    const sessionId = randomId();
    await db.insert(sessions).values({
      id: sessionId,
      customerId: customer.id,
      tokenVersion: customer.tokenVersion,
      createdAt: now,
      expiresAt: new Date(now.getTime() + config.SESSION_TTL_SECONDS * 1000),
    });
    const { token, expiresAt } = await signAccessToken(
      { sub: customer.id, sid: sessionId, ver: customer.tokenVersion },
      config.TOKEN_SECRET,
      now,
      config.ACCESS_TOKEN_TTL_SECONDS,
    );
    const body: SessionCreated = {
      token,
      expiresAt: expiresAt.toISOString(),
      customer: toCustomer(customer),
    };
    return c.json(body, 201);
  })
  .delete(ROUTES.session, requireCustomer, async (c) => {
    const { db, clock } = c.var.ports;
    await db
      .update(sessions)
      .set({ revokedAt: clock.now() })
      .where(and(eq(sessions.id, c.var.sessionId), eq(sessions.customerId, c.var.customer.id)));
    return c.body(null, 204);
  });
