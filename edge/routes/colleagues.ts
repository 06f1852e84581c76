/**
 * @module
 * Colleagues in copy: `GET /api/me/colleagues` lists whom the caller can put in copy (active
 * customers of their organization); `POST /api/tickets/:number/colleagues` puts some of them in
 * copy of an open ticket, by its requester or a colleague already in copy.
 */
import { Hono } from 'hono';
import { OPEN_STATUSES } from '../../contract/domain.ts';
import { ROUTES } from '../../contract/routes.ts';
import { colleaguesBody } from '../../contract/schemas.ts';
import { colleagueWrites, listColleagues, resolveColleagues } from '../domain/colleagues.ts';
import { customerActor } from '../domain/events.ts';
import { requireParticipant } from '../domain/ticket-access.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { customerSession, requireCustomer } from '../middleware/customer-auth.ts';
import { validate } from '../middleware/validate.ts';
import { answerChange, pathTicket } from './ticket-writes.ts';

export const colleagueRoutes = new Hono<AppEnv>()
  .get(ROUTES.colleagues, requireCustomer, async (c) =>
    c.json(await listColleagues(c.var.ports.db, c.var.customer)),
  )
  .post(ROUTES.ticketColleagues, customerSession, validate('json', colleaguesBody), async (c) => {
    const { db, clock } = c.var.ports;
    const { customer, visible } = await pathTicket(c);
    const ticket = requireParticipant(visible);
    if (ticket.status === 'closed') throw new ApiError('wrong_state');
    const { add } = c.req.valid('json');
    const colleagues = await resolveColleagues(
      db,
      ticket.organization,
      ticket.customerId,
      add,
      'add',
    );
    const actor = customerActor(customer);
    const now = clock.now();
    return answerChange(c, customer, ticket, {
      from: OPEN_STATUSES,
      events: [],
      extra: (guard) => colleagueWrites(db, ticket.id, actor, colleagues, now, guard),
    });
  });
