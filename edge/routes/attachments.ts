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
import { findVisibleTicket } from '../domain/ticket-access.ts';
import { guardedInsert } from '../db/guarded-insert.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { customerSession, requireCustomer } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { multipartBody } from '../middleware/multipart.ts';
import { answerChange, openTicketForm } from './ticket-writes.ts';
import { parseTicketNumber } from './tickets.ts';

export const attachmentRoutes = new Hono<AppEnv>()
  .post(ROUTES.attachments, customerSession, idempotent, multipartBody, async (c) => {
    const { db } = c.var.ports;
    const { customer, ticket, fields, upload } = await openTicketForm(c);
    const unknown = Object.keys(fields);
    if (unknown.length) {
      throw new ApiError(
        'validation_failed',
        Object.fromEntries(unknown.map((key) => [key, 'unknown_field'])),
      );
    }
    if (!upload) throw new ApiError('validation_failed', { file: 'required' });
    const change = customerMessage(
      ticket,
      [{ kind: 'attachment_added', attachmentId: upload.id, text: upload.name }],
      (guard) => [guardedInsert(db, attachments, upload, guard)],
    );
    return answerChange(c, customer, ticket, change, { status: 201, upload });
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
