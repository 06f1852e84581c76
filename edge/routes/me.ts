/**
 * @module
 * `GET /api/me` and `PATCH /api/me`: the logged-in customer's profile; only the language and
 * the notification preference can be changed here.
 */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { mePatchBody } from '../../contract/schemas.ts';
import { customers } from '../db/schema.ts';
import { toCustomer } from '../domain/customer-profile.ts';
import type { AppEnv } from '../env.ts';
import { customerReads, customerSession, requireCustomer } from '../middleware/customer-auth.ts';
import { validate } from '../middleware/validate.ts';

export const meRoutes = new Hono<AppEnv>()
  .get(ROUTES.me, customerSession, async (c) => {
    const [customer] = await customerReads(c, () => []);
    return c.json(toCustomer(customer));
  })
  .patch(ROUTES.me, requireCustomer, validate('json', mePatchBody), async (c) => {
    const { db, clock } = c.var.ports;
    const { language, notifications } = c.req.valid('json');
    const [updated] = await db
      .update(customers)
      .set({ language, notifications, updatedAt: clock.now() })
      .where(eq(customers.id, c.var.customer.id))
      .returning();
    return c.json(toCustomer(updated!));
  });
