/**
 * @module
 * The requester (only: colleagues and managers get `requester_only`) rates their closed ticket (`PUT`, which also changes the rating within
 * `RATING_CHANGE_HOURS`); answers with the ticket as it now is.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ratingBody } from '../../contract/schemas.ts';
import { ratingChange } from '../domain/ratings.ts';
import { requireRequester } from '../domain/ticket-access.ts';
import type { AppEnv } from '../env.ts';
import { customerSession } from '../middleware/customer-auth.ts';
import { validate } from '../middleware/validate.ts';
import { answerChange, pathTicket } from './ticket-writes.ts';

export const ratingRoutes = new Hono<AppEnv>().put(
  ROUTES.rating,
  customerSession,
  validate('json', ratingBody),
  async (c) => {
    const { db, clock } = c.var.ports;
    const { customer, visible } = await pathTicket(c);
    const ticket = requireRequester(visible);
    const change = ratingChange(db, ticket, customer, c.req.valid('json'), 'portal', clock.now());
    return answerChange(c, customer, ticket, change);
  },
);
