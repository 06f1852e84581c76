/**
 * @module
 * `GET /api/ticket-search`: the tickets the caller sees (theirs and those they are in copy on,
 * or, for managers, their organization's) whose number, description or additions match the
 * words typed, newest first, a page at a time.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ticketSearchQuery } from '../../contract/schemas.ts';
import { searchTerms } from '../domain/search-terms.ts';
import { searchTickets } from '../domain/ticket-search.ts';
import { ticketPage } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { validate } from '../middleware/validate.ts';

export const ticketSearchRoutes = new Hono<AppEnv>().get(
  ROUTES.ticketSearch,
  requireCustomer,
  validate('query', ticketSearchQuery),
  async (c) => {
    const { db } = c.var.ports;
    const customer = c.var.customer;
    const { q, scope, cursor, limit } = c.req.valid('query');
    const rows = await searchTickets(db, customer, scope, searchTerms(q), { cursor, limit });
    return c.json(await ticketPage(db, customer, rows, limit));
  },
);
