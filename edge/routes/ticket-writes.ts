/**
 * @module
 * What a customer's change to a ticket named in the path costs the database: two round trips.
 * The first checks the session and reads the ticket together (`pathTicket`); the second is
 * the change's guarded batch, which also marks the ticket opened and reads the details the
 * route answers with (`answerChange`). Routes behind `customerSession`.
 */
import type { Context } from 'hono';
import type { CustomerRow, TicketRow } from '../db/schema.ts';
import { customerActor, ticketChangeWrites, type TicketChange } from '../domain/events.ts';
import {
  requireParticipant,
  ticketByNumberRead,
  visibleTicketOf,
  type VisibleTicket,
} from '../domain/ticket-access.ts';
import type { StoredUpload } from '../domain/uploads.ts';
import { viewedDetails, writeThenView, type TicketView } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { customerReads } from '../middleware/customer-auth.ts';
import { readForm } from '../middleware/multipart.ts';
import { parseTicketNumber } from './tickets.ts';

/** The caller and the ticket the path names as they see it, in one round trip. */
export async function pathTicket(
  c: Context<AppEnv>,
): Promise<{ customer: CustomerRow; visible: VisibleTicket }> {
  const number = parseTicketNumber(c.req.param('number') ?? '');
  const { db } = c.var.ports;
  const [customer, found] = await customerReads(c, (viewer) => [
    ticketByNumberRead(db, viewer, number),
  ]);
  return { customer, visible: visibleTicketOf(found, customer) };
}

/**
 * The reply box's and the attach route's start: an open ticket the caller takes part in, then
 * the multipart form (its file stored under the ticket).
 */
export async function openTicketForm(c: Context<AppEnv>) {
  const { customer, visible } = await pathTicket(c);
  const ticket = requireParticipant(visible);
  if (ticket.status === 'closed') throw new ApiError('wrong_state');
  const now = c.var.ports.clock.now();
  const form = await readForm(c, { ticketId: ticket.id, uploadedBy: customer.id, at: now });
  return { customer, ticket, now, ...form };
}

/**
 * Applies the caller's change to the ticket and answers with its details as they now are, in
 * one round trip; `wrong_state` when the ticket had left the change's `from` states. An upload
 * the change would have recorded is deleted from the store when it was not.
 */
export async function answerChange(
  c: Context<AppEnv>,
  customer: CustomerRow,
  ticket: TicketRow,
  change: TicketChange,
  { status = 200, upload }: { status?: 200 | 201; upload?: StoredUpload | null } = {},
) {
  const { ports } = c.var;
  const { writes, applied } = ticketChangeWrites(
    ports.db,
    ticket.id,
    customerActor(customer),
    change,
    ports.clock.now(),
  );
  let done = false;
  let view: TicketView;
  try {
    const result = await writeThenView(ports, customer, { number: ticket.number }, writes, applied);
    view = result.view;
    done = result.written[0]!.rowsAffected === 1;
  } finally {
    if (!done && upload) await ports.store.delete(upload.storageKey);
  }
  if (!done) throw new ApiError('wrong_state');
  return c.json((await viewedDetails(ports, customer, view)).details, status);
}
