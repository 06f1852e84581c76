/**
 * @module
 * A customer's data on request. Export: the profile, the tickets they requested with their
 * thread, their ratings, and the metadata of their files (the bytes are read from the store by
 * the caller). Erase: sessions, set-password links, rate-limit counters and the files they
 * uploaded go (bytes and rows); their tickets stay for the desk's history, but every trace of
 * their name and e-mail in them (and in the mail and webhook outboxes) becomes a placeholder,
 * and the account can never log in again.
 */
import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import {
  attachments,
  customers,
  idempotentRequests,
  mailOutbox,
  passwordResets,
  rateLimits,
  sessions,
  ticketColleagues,
  ticketEvents,
  ticketRatings,
  tickets,
  webhookDeliveries,
  type CustomerRow,
} from '../db/schema.ts';
import type { AttachmentStore, Database } from '../ports.ts';

/** What stands for an erased customer's name wherever it was written. */
export const ERASED_NAME = 'Erased customer';

/** The address an erased customer is left with: unique, and never deliverable (RFC 2606). */
export const erasedEmail = (customerId: string) => `erased-${customerId}@erased.invalid`;

export async function findCustomerByEmail(db: Database, email: string) {
  const [row] = await db
    .select()
    .from(customers)
    .where(eq(customers.email, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function exportCustomer(db: Database, customer: CustomerRow) {
  const { passwordHash: _hash, tokenVersion: _version, ...profile } = customer;
  const own = await db
    .select()
    .from(tickets)
    .where(eq(tickets.customerId, customer.id))
    .orderBy(asc(tickets.number));
  const ids = own.map((ticket) => ticket.id);
  const [events, files, ratings] = ids.length
    ? await Promise.all([
        db
          .select()
          .from(ticketEvents)
          .where(inArray(ticketEvents.ticketId, ids))
          .orderBy(asc(ticketEvents.seq)),
        db.select().from(attachments).where(inArray(attachments.ticketId, ids)),
        db.select().from(ticketRatings).where(eq(ticketRatings.customerId, customer.id)),
      ])
    : [[], [], []];
  return {
    exportedAt: new Date().toISOString(),
    profile,
    tickets: own.map(({ revision: _revision, ...ticket }) => ({
      ...ticket,
      thread: events
        .filter((event) => event.ticketId === ticket.id)
        .map(({ seq: _seq, ticketId: _ticketId, ...event }) => event),
      files: files
        .filter((file) => file.ticketId === ticket.id)
        .map(({ storageKey: _key, ...file }) => file),
    })),
    ratings: ratings.map(({ customerId: _customerId, ...rating }) => rating),
    /** Where each file's bytes are, for the caller to copy out. */
    storageKeys: Object.fromEntries(files.map((file) => [file.id, file.storageKey])),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;

export interface ErasureReport {
  sessions: number;
  files: number;
  tickets: number;
}

export async function eraseCustomer(
  db: Database,
  store: AttachmentStore,
  customer: CustomerRow,
  now: Date,
): Promise<ErasureReport> {
  const id = customer.id;
  const placeholder = erasedEmail(id);
  const files = await db
    .select({ id: attachments.id, key: attachments.storageKey })
    .from(attachments)
    .where(eq(attachments.uploadedBy, id));
  // Bytes first: a row left without its bytes is reported by storage:check; bytes left without
  // a row would keep the customer's files where no one finds them.
  for (const file of files) await store.delete(file.key);
  const replaced = (column: Parameters<typeof sql>[1]) =>
    sql`replace(replace(${column}, ${customer.email}, ${placeholder}), ${customer.name}, ${ERASED_NAME})`;
  const [closedSessions, , , , , , , , , ownTickets] = await db.batch([
    db.delete(sessions).where(eq(sessions.customerId, id)),
    db.delete(passwordResets).where(eq(passwordResets.customerId, id)),
    db.delete(rateLimits).where(like(rateLimits.key, `%${customer.email}%`)),
    db.delete(ticketColleagues).where(eq(ticketColleagues.customerId, id)),
    db
      .update(ticketEvents)
      .set({ attachmentId: null })
      .where(
        inArray(
          ticketEvents.attachmentId,
          files.map((file) => file.id),
        ),
      ),
    db.delete(attachments).where(eq(attachments.uploadedBy, id)),
    db
      .update(ticketEvents)
      .set({ actorName: ERASED_NAME, text: replaced(ticketEvents.text) })
      .where(or(eq(ticketEvents.actorId, id), like(ticketEvents.text, `%${customer.email}%`))),
    db
      .update(mailOutbox)
      .set({ to: placeholder, subject: '', text: '', html: '' })
      .where(eq(mailOutbox.to, customer.email)),
    db
      .update(webhookDeliveries)
      .set({ payload: replaced(webhookDeliveries.payload) })
      .where(
        or(
          like(webhookDeliveries.payload, `%${customer.email}%`),
          like(webhookDeliveries.payload, `%${customer.name}%`),
        ),
      ),
    db
      .update(tickets)
      .set({
        description: replaced(tickets.description),
        title: replaced(tickets.title),
        updatedAt: now,
      })
      .where(eq(tickets.customerId, id)),
    db
      .update(ticketRatings)
      .set({ comment: null })
      .where(and(eq(ticketRatings.customerId, id))),
    db
      .update(customers)
      .set({
        email: placeholder,
        name: ERASED_NAME,
        organization: null,
        organizationManager: false,
        passwordHash: null,
        tokenVersion: customer.tokenVersion + 1,
        active: false,
        notifications: false,
        updatedAt: now,
      })
      .where(eq(customers.id, id)),
    // The first answers kept for her idempotency keys hold her tickets as she saw them.
    db.delete(idempotentRequests).where(eq(idempotentRequests.customerId, id)),
  ]);
  return {
    sessions: closedSessions.rowsAffected,
    files: files.length,
    tickets: ownTickets.rowsAffected,
  };
}
