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
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { customerSession } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { multipartBody } from '../middleware/multipart.ts';
import { parseWith } from '../middleware/validate.ts';
import { answerChange, openTicketForm } from './ticket-writes.ts';

export const replyRoutes = new Hono<AppEnv>().post(
  ROUTES.replies,
  customerSession,
  idempotent,
  multipartBody,
  async (c) => {
    const { db, config } = c.var.ports;
    const { customer, ticket, fields, upload } = await openTicketForm(c);
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
    return answerChange(c, customer, ticket, change, { status: 201, upload });
  },
);
