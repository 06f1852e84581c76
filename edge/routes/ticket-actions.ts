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
import type { TicketChange } from '../domain/events.ts';
import {
  requireParticipant,
  requireRequester,
  type VisibleTicket,
} from '../domain/ticket-access.ts';
import type { AppEnv } from '../env.ts';
import { customerSession } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { validate } from '../middleware/validate.ts';
import { answerChange, pathTicket } from './ticket-writes.ts';

/**
 * Applies a change to a ticket the caller may change (`allowed` says who) and answers with the
 * ticket as it now is: two round trips (`ticket-writes.ts`).
 */
async function changeTicket(
  c: Context<AppEnv>,
  allowed: (visible: VisibleTicket) => unknown,
  changeOf: TicketChange | ((ticket: TicketRow) => TicketChange),
) {
  const { customer, visible } = await pathTicket(c);
  allowed(visible);
  const { ticket } = visible;
  const change = typeof changeOf === 'function' ? changeOf(ticket) : changeOf;
  return answerChange(c, customer, ticket, change);
}

export const ticketActionRoutes = new Hono<AppEnv>()
  .post(
    ROUTES.information,
    customerSession,
    idempotent,
    validate('json', (c) => informationBody(c.var.ports.config.MAX_INFORMATION_LENGTH)),
    async (c) => {
      const { text } = c.req.valid('json');
      return changeTicket(c, requireParticipant, (ticket) =>
        customerMessage(ticket, [{ kind: 'information_added', text }]),
      );
    },
  )
  .post(ROUTES.accept, customerSession, (c) =>
    changeTicket(c, requireRequester, {
      from: ['resolved'],
      set: { status: 'closed', closedAt: c.var.ports.clock.now() },
      events: [{ kind: 'solution_accepted', status: 'closed' }],
    }),
  )
  .post(ROUTES.reject, customerSession, validate('json', rejectBody), (c) =>
    changeTicket(c, requireRequester, {
      from: ['resolved'],
      set: { status: 'in_progress' },
      events: [
        { kind: 'solution_rejected', text: c.req.valid('json').reason, status: 'in_progress' },
      ],
    }),
  );
