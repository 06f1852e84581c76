/**
 * @module
 * `GET /api/ticket-counts`: what home shows at a glance, over the caller's own tickets and
 * those they are in copy on: how many have a desk message they have not opened, and how many
 * wait for their answer. Read with the session check, in one round trip.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ticketCountsRead } from '../domain/ticket-counts.ts';
import type { AppEnv } from '../env.ts';
import { customerReads, customerSession } from '../middleware/customer-auth.ts';

export const ticketCountRoutes = new Hono<AppEnv>().get(
  ROUTES.ticketCounts,
  customerSession,
  async (c) => {
    const [, counts] = await customerReads(c, (customer) => [
      ticketCountsRead(c.var.ports.db, customer),
    ]);
    return c.json(counts);
  },
);
