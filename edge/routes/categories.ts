/**
 * @module
 * `GET /api/categories`: the guided menu's tree in the customer's language. The hidden
 * incident/request type is never part of it.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import type { AppEnv } from '../env.ts';
import { categoryIndex, categoryReads, customerTree } from '../domain/categories.ts';
import { customerReads, customerSession } from '../middleware/customer-auth.ts';

export const categoryRoutes = new Hono<AppEnv>().get(
  ROUTES.categories,
  customerSession,
  async (c) => {
    const { db } = c.var.ports;
    // The tree, when not kept in memory, is read with the session check.
    const [customer] = await customerReads(c, () => categoryReads(db));
    return c.json(customerTree(await categoryIndex(db), customer.language));
  },
);
