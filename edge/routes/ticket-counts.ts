/**
 * @module
 * `GET /api/ticket-counts`: what home shows at a glance, over the caller's own tickets and
 * those they are in copy on: how many have a desk message they have not opened, and how many
 * wait for their answer.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ticketCounts } from '../domain/ticket-counts.ts';
import type { AppEnv } from '../env.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';

export const ticketCountRoutes = new Hono<AppEnv>().get(
  ROUTES.ticketCounts,
  requireCustomer,
  async (c) => c.json(await ticketCounts(c.var.ports.db, c.var.customer)),
);
