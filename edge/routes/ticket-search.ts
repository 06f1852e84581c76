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
import type { Read } from '../db/reads.ts';
import { categoryIndex, categoryReads } from '../domain/categories.ts';
import { searchTicketsRead } from '../domain/ticket-search.ts';
import type { ListedTicket } from '../domain/ticket-lists.ts';
import { ticketPage } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { customerReads, customerSession } from '../middleware/customer-auth.ts';
import { validate } from '../middleware/validate.ts';

export const ticketSearchRoutes = new Hono<AppEnv>().get(
  ROUTES.ticketSearch,
  customerSession,
  validate('query', ticketSearchQuery),
  async (c) => {
    const { db } = c.var.ports;
    const { q, scope, cursor, limit } = c.req.valid('query');
    const terms = searchTerms(q);
    // Words that name a category match its tickets: the tree is kept in memory, read once.
    const index = await categoryIndex(db);
    // The session check, the search and (when not kept in memory) the category tree at once.
    const [customer, found] = await customerReads(c, (viewer) => [
      searchTicketsRead(db, viewer, scope, terms, { cursor, limit }, index) ?? nothingToSearch,
      ...categoryReads(db),
    ]);
    return c.json(await ticketPage(db, customer, found, limit));
  },
);

/** Nothing typed to search for: no rows. */
const nothingToSearch: Read<ListedTicket[]> = { statements: [], result: () => [] };
