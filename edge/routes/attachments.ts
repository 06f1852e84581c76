/**
 * @module
 * Attachments of the tickets the caller sees: add one file to an open ticket (requester or
 * colleague in copy), download one. Every download checks access to the parent ticket again, and is always served as a download that the
 * browser may neither sniff nor render.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { attachments } from '../db/schema.ts';
import { attachmentDownload } from '../domain/downloads.ts';
import { customerMessage } from '../domain/customer-messages.ts';
import { customerActor, ticketChange } from '../domain/events.ts';
import { findVisibleTicket, requireParticipant } from '../domain/ticket-access.ts';
import { customerDetails } from '../domain/tickets.ts';
import { guardedInsert } from '../db/guarded-insert.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { requireCustomer } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { multipartBody, readForm } from '../middleware/multipart.ts';
import { parseTicketNumber } from './tickets.ts';

export const attachmentRoutes = new Hono<AppEnv>()
  .post(ROUTES.attachments, requireCustomer, idempotent, multipartBody, async (c) => {
    const { db, store, clock } = c.var.ports;
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
    const unknown = Object.keys(fields);
    if (unknown.length) {
      throw new ApiError(
        'validation_failed',
        Object.fromEntries(unknown.map((key) => [key, 'unknown_field'])),
      );
    }
    if (!upload) throw new ApiError('validation_failed', { file: 'required' });

    let applied = false;
    try {
      applied = await ticketChange(
        db,
        ticket.id,
        customerActor(customer),
        customerMessage(
          ticket,
          [{ kind: 'attachment_added', attachmentId: upload.id, text: upload.name }],
          (guard) => [guardedInsert(db, attachments, upload, guard)],
        ),
        now,
      );
    } finally {
      if (!applied) await store.delete(upload.storageKey);
    }
    if (!applied) throw new ApiError('wrong_state');
    return c.json(await customerDetails(c.var.ports, customer, number), 201);
  })
  .get(ROUTES.attachment, requireCustomer, async (c) => {
    const number = parseTicketNumber(c.req.param('number'));
    const { ticket } = await findVisibleTicket(c.var.ports.db, c.var.customer, number);
    return attachmentDownload(c, ticket.id, c.req.param('id'));
  })
  .get(ROUTES.attachmentPreview, requireCustomer, async (c) => {
    const number = parseTicketNumber(c.req.param('number'));
    const { ticket } = await findVisibleTicket(c.var.ports.db, c.var.customer, number);
    return attachmentDownload(c, ticket.id, c.req.param('id'), 'preview');
  });
