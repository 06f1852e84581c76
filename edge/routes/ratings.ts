/**
 * @module
 * The requester (only: colleagues and managers get `requester_only`) rates their closed ticket (`PUT`, which also changes the rating within
 * `RATING_CHANGE_HOURS`); answers with the ticket as it now is.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ratingBody } from '../../contract/schemas.ts';
import { rateTicket } from '../domain/ratings.ts';
import { findVisibleTicket, requireRequester } from '../domain/ticket-access.ts';
import { customerDetails } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { validate } from '../middleware/validate.ts';
import { parseTicketNumber } from './tickets.ts';

export const ratingRoutes = new Hono<AppEnv>().put(
  ROUTES.rating,
  requireCustomer,
  validate('json', ratingBody),
  async (c) => {
    const { db, clock } = c.var.ports;
    const customer = c.var.customer;
    const number = parseTicketNumber(c.req.param('number'));
    const ticket = requireRequester(await findVisibleTicket(db, customer, number));
    await rateTicket(db, ticket, customer, c.req.valid('json'), 'portal', clock.now());
    return c.json(await customerDetails(c.var.ports, customer, number));
  },
);
