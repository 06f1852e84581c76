/**
 * @module
 * `POST /api/session` logs a customer in (rate limited, locked after repeated failures),
 * `POST /api/session/refresh` renews the access token of a still-valid session,
 * `DELETE /api/session` logs this session out.
 * A wrong password and an unknown e-mail get the same answer after the same work.
 */
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { loginBody } from '../../contract/schemas.ts';
import { customers, sessions } from '../db/schema.ts';
import { preparedQuery } from '../db/prepared.ts';
import { readTogether } from '../db/reads.ts';
import { clearWindow, currentWindowRead, dropExpiredWindows } from '../domain/rate-limits.ts';
import { newSession } from '../domain/sessions.ts';
import type { AppEnv } from '../env.ts';
import { inPasswordTurn, type Database } from '../ports.ts';
import { ApiError } from '../errors.ts';
import { decoyHash, verifyPassword } from '../lib/password.ts';
import { signAccessToken } from '../lib/tokens.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import {
  countLoginFailure,
  lockedOut,
  lockoutKey,
  countLimits,
  sweepsWindows,
} from '../middleware/rate-limit.ts';
import { validate } from '../middleware/validate.ts';

/** The customer with this e-mail (stored lower case); prepared once per runtime. */
const customerByEmail = (db: Database) =>
  db
    .select()
    .from(customers)
    .where(eq(customers.email, sql.placeholder('email')))
    .limit(1)
    .prepare();

export const sessionRoutes = new Hono<AppEnv>()
  .post(ROUTES.session, validate('json', loginBody), async (c) => {
    const { ports } = c.var;
    const { db, config, clock } = ports;
    const { email, password } = c.req.valid('json');
    // Two round trips: the lockout and the customer (rate limits counted by Cloudflare on
    // Workers), then the session with the lockout cleared.
    const [lock, customer] = await readTogether(db, [
      currentWindowRead(db, lockoutKey(email), clock.now()),
      preparedQuery(db, 'customer by email', customerByEmail).getRead({
        email: email.toLowerCase(),
      }),
    ]);
    // Locked first, as before any counting: a locked e-mail says how long the lock lasts.
    const limited = lockedOut(c, lock) ?? (await countLimits(c, 'login', email));
    if (limited) return limited;
    const hash = customer?.active && customer.passwordHash;
    const stored = hash || (await decoyHash(config.PBKDF2_ITERATIONS));
    const matches = await inPasswordTurn(ports, () => verifyPassword(password, stored));
    if (!customer || !hash || !matches) {
      await countLoginFailure(c, email);
      throw new ApiError('invalid_credentials');
    }
    const session = newSession(ports, customer);
    await db.batch([
      session.insert,
      clearWindow(db, lockoutKey(email)),
      ...(sweepsWindows() ? [dropExpiredWindows(db, clock.now())] : []),
    ]);
    return c.json(await session.created(), 201);
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
