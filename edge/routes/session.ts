/**
 * @module
 * `POST /api/session` logs a customer in (rate limited, locked after repeated failures),
 * `POST /api/session/refresh` renews the access token of a still-valid session,
 * `DELETE /api/session` logs this session out.
 * A wrong password and an unknown e-mail get the same answer after the same work.
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { loginBody } from '../../contract/schemas.ts';
import { customers, sessions } from '../db/schema.ts';
import { clearWindow } from '../domain/rate-limits.ts';
import { startSession } from '../domain/sessions.ts';
import type { AppEnv } from '../env.ts';
import { inPasswordTurn } from '../ports.ts';
import { ApiError } from '../errors.ts';
import { decoyHash, verifyPassword } from '../lib/password.ts';
import { signAccessToken } from '../lib/tokens.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { countLoginFailure, lockoutKey, rateLimit } from '../middleware/rate-limit.ts';
import { validate } from '../middleware/validate.ts';

export const sessionRoutes = new Hono<AppEnv>()
  .post(ROUTES.session, validate('json', loginBody), rateLimit('login'), async (c) => {
    const { ports } = c.var;
    const { db, config } = ports;
    const { email, password } = c.req.valid('json');
    const [customer] = await db
      .select()
      .from(customers)
      .where(eq(customers.email, email.toLowerCase()))
      .limit(1);
    const hash = customer?.active && customer.passwordHash;
    const stored = hash || (await decoyHash(config.PBKDF2_ITERATIONS));
    const matches = await inPasswordTurn(ports, () => verifyPassword(password, stored));
    if (!customer || !hash || !matches) {
      await countLoginFailure(c, email);
      throw new ApiError('invalid_credentials');
    }
    await clearWindow(db, lockoutKey(email));
    return c.json(await startSession(ports, customer), 201);
  })
  .post(ROUTES.sessionRefresh, requireCustomer, async (c) => {
    const { config, clock } = c.var.ports;
    const { customer, sessionId } = c.var;
    const { token, expiresAt } = await signAccessToken(
      { sub: customer.id, sid: sessionId, ver: customer.tokenVersion },
      config.TOKEN_SECRET,
      clock.now(),
      config.ACCESS_TOKEN_TTL_SECONDS,
    );
    return c.json({ token, expiresAt: expiresAt.toISOString() });
  })
  .delete(ROUTES.session, requireCustomer, async (c) => {
    const { db, clock } = c.var.ports;
    await db
      .update(sessions)
      .set({ revokedAt: clock.now() })
      .where(and(eq(sessions.id, c.var.sessionId), eq(sessions.customerId, c.var.customer.id)));
    return c.body(null, 204);
  });
