/**
 * @module
 * What a customer does to an open ticket: add information (appended, never rewriting), and
 * accept or reject the proposed solution (only while it is `resolved`).
 */
import { Hono, type Context } from 'hono';
import { OPEN_STATUSES } from '../contract/domain.ts';
import { ROUTES } from '../contract/routes.ts';
import { informationBody, rejectBody } from '../contract/schemas.ts';
import { customerActor, ticketChange, type TicketChange } from '../domain/events.ts';
import { customerDetails, findOwnTicket } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { jsonBody, parseWith, requireJson, validate } from '../middleware/validate.ts';
import { parseTicketNumber } from './tickets.ts';

/** Applies a change to the caller's ticket and answers with the ticket as it now is. */
async function changeOwnTicket(c: Context<AppEnv>, change: TicketChange) {
  const { db, clock } = c.var.ports;
  const customer = c.var.customer;
  const number = parseTicketNumber(c.req.param('number') ?? '');
  const ticket = await findOwnTicket(db, customer.id, number);
  const applied = await ticketChange(db, ticket.id, customerActor(customer), change, clock.now());
  if (!applied) throw new ApiError('wrong_state');
  const updated = await findOwnTicket(db, customer.id, number);
  return c.json(await customerDetails(c.var.ports, customer, updated));
}

export const ticketActionRoutes = new Hono<AppEnv>()
  .post(ROUTES.information, requireJson, async (c) => {
    const schema = informationBody(c.var.ports.config.MAX_INFORMATION_LENGTH);
    const { text } = parseWith(schema, await jsonBody(c));
    return changeOwnTicket(c, {
      from: OPEN_STATUSES,
      events: [{ kind: 'information_added', text }],
    });
  })
  .post(ROUTES.accept, (c) =>
    changeOwnTicket(c, {
      from: ['resolved'],
      set: { status: 'closed', closedAt: c.var.ports.clock.now() },
      events: [{ kind: 'solution_accepted', status: 'closed' }],
    }),
  )
  .post(ROUTES.reject, requireJson, validate('json', rejectBody), (c) =>
    changeOwnTicket(c, {
      from: ['resolved'],
      set: { status: 'in_progress' },
      events: [
        { kind: 'solution_rejected', text: c.req.valid('json').reason, status: 'in_progress' },
      ],
    }),
  );
