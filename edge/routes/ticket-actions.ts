/**
 * @module
 * What a customer does to an open ticket: add information (appended, never rewriting; the
 * requester or a colleague in copy; an answer to a ticket waiting for the customer), and accept or reject the proposed solution (only while it
 * is `resolved`; the requester only).
 */
import { Hono, type Context } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { informationBody, rejectBody } from '../../contract/schemas.ts';
import type { TicketRow } from '../db/schema.ts';
import { customerMessage } from '../domain/customer-messages.ts';
import { customerActor, ticketChange, type TicketChange } from '../domain/events.ts';
import {
  findVisibleTicket,
  requireParticipant,
  requireRequester,
  type VisibleTicket,
} from '../domain/ticket-access.ts';
import { customerDetails } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { validate } from '../middleware/validate.ts';
import { parseTicketNumber } from './tickets.ts';

/**
 * Applies a change to a ticket the caller may change (`allowed` says who) and answers with the
 * ticket as it now is.
 */
async function changeTicket(
  c: Context<AppEnv>,
  allowed: (visible: VisibleTicket) => unknown,
  changeOf: TicketChange | ((ticket: TicketRow) => TicketChange),
) {
  const { db, clock } = c.var.ports;
  const customer = c.var.customer;
  const number = parseTicketNumber(c.req.param('number') ?? '');
  const visible = await findVisibleTicket(db, customer, number);
  allowed(visible);
  const { ticket } = visible;
  const change = typeof changeOf === 'function' ? changeOf(ticket) : changeOf;
  const applied = await ticketChange(db, ticket.id, customerActor(customer), change, clock.now());
  if (!applied) throw new ApiError('wrong_state');
  return c.json(await customerDetails(c.var.ports, customer, number));
}

export const ticketActionRoutes = new Hono<AppEnv>()
  .post(
    ROUTES.information,
    requireCustomer,
    idempotent,
    validate('json', (c) => informationBody(c.var.ports.config.MAX_INFORMATION_LENGTH)),
    async (c) => {
      const { text } = c.req.valid('json');
      return changeTicket(c, requireParticipant, (ticket) =>
        customerMessage(ticket, [{ kind: 'information_added', text }]),
      );
    },
  )
  .post(ROUTES.accept, requireCustomer, (c) =>
    changeTicket(c, requireRequester, {
      from: ['resolved'],
      set: { status: 'closed', closedAt: c.var.ports.clock.now() },
      events: [{ kind: 'solution_accepted', status: 'closed' }],
    }),
  )
  .post(ROUTES.reject, requireCustomer, validate('json', rejectBody), (c) =>
    changeTicket(c, requireRequester, {
      from: ['resolved'],
      set: { status: 'in_progress' },
      events: [
        { kind: 'solution_rejected', text: c.req.valid('json').reason, status: 'in_progress' },
      ],
    }),
  );
