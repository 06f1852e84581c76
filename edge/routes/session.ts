/**
 * @module
 * `POST /api/session` logs a customer in, `DELETE /api/session` logs this session out.
 * A wrong password and an unknown e-mail get the same answer after the same work.
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../contract/routes.ts';
import { loginBody } from '../contract/schemas.ts';
import { customers, sessions } from '../db/schema.ts';
import { startSession } from '../domain/sessions.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { decoyHash, verifyPassword } from '../lib/password.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { requireJson, validate } from '../middleware/validate.ts';

export const sessionRoutes = new Hono<AppEnv>()
  .post(ROUTES.session, requireJson, validate('json', loginBody), async (c) => {
    const { db, config } = c.var.ports;
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

    return c.json(await startSession(c.var.ports, customer), 201);
  })
  .delete(ROUTES.session, requireCustomer, async (c) => {
    const { db, clock } = c.var.ports;
    await db
      .update(sessions)
      .set({ revokedAt: clock.now() })
      .where(and(eq(sessions.id, c.var.sessionId), eq(sessions.customerId, c.var.customer.id)));
    return c.body(null, 204);
  });
