/**
 * @module
 * `POST /api/tickets/:number/replies`: the reply box under a ticket's thread. One multipart
 * request carries a message (`text`), one file (`file`), or both; they join the thread as one
 * message, and on a ticket waiting for the customer they are the answer (see
 * `customer-messages.ts`). The requester or a colleague in copy, on an open ticket.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { replyFields } from '../../contract/schemas.ts';
import { guardedInsert } from '../db/guarded-insert.ts';
import { attachments } from '../db/schema.ts';
import { customerMessage } from '../domain/customer-messages.ts';
import type { NewEvent } from '../domain/event-types.ts';
import { customerActor, ticketChange } from '../domain/events.ts';
import { findVisibleTicket, requireParticipant } from '../domain/ticket-access.ts';
import { customerDetails } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { multipartBody, readForm } from '../middleware/multipart.ts';
import { parseWith } from '../middleware/validate.ts';
import { parseTicketNumber } from './tickets.ts';

export const replyRoutes = new Hono<AppEnv>().post(
  ROUTES.replies,
  requireCustomer,
  idempotent,
  multipartBody,
  async (c) => {
    const { db, store, clock, config } = c.var.ports;
    const customer = c.var.customer;
    const number = parseTicketNumber(c.req.param('number'));
    const ticket = requireParticipant(await findVisibleTicket(db, customer, number));
    if (ticket.status === 'closed') throw new ApiError('wrong_state');
    const now = clock.now();
    const { fields, upload } = await readForm(c, {
      ticketId: ticket.id,
      uploadedBy: customer.id,
      at: now,
    });
    const { text } = parseWith(replyFields(config.MAX_INFORMATION_LENGTH), fields);
    if (!text && !upload) throw new ApiError('validation_failed', { text: 'required' });

    // The text first, then its file at the same moment: the thread shows them as one message.
    const events: NewEvent[] = [
      ...(text ? [{ kind: 'information_added', text } as const] : []),
      ...(upload
        ? [{ kind: 'attachment_added', attachmentId: upload.id, text: upload.name } as const]
        : []),
    ];
    const change = customerMessage(ticket, events, (guard) =>
      upload ? [guardedInsert(db, attachments, upload, guard)] : [],
    );
    let applied = false;
    try {
      applied = await ticketChange(db, ticket.id, customerActor(customer), change, now);
    } finally {
      if (!applied && upload) await store.delete(upload.storageKey);
    }
    if (!applied) throw new ApiError('wrong_state');
    return c.json(await customerDetails(c.var.ports, customer, number), 201);
  },
);
