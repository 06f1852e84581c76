/**
 * @module
 * `GET /api/categories`: the guided menu's tree in the customer's language. The hidden
 * incident/request type is never part of it.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import type { AppEnv } from '../env.ts';
import { categoryIndex, customerTree } from '../domain/categories.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';

export const categoryRoutes = new Hono<AppEnv>().get(
  ROUTES.categories,
  requireCustomer,
  async (c) => {
    const index = await categoryIndex(c.var.ports.db);
    return c.json(customerTree(index, c.var.customer.language));
  },
);
