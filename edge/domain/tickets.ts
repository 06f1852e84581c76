/**
 * @module
 * Reading tickets: summaries and details as customers and the desk see them. Who may see which
 * ticket is decided in `ticket-access.ts`.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { RATING_CHANGE_HOURS, type Language, type TicketRole } from '../../contract/domain.ts';
import type {
  AttachmentInfo,
  Rating,
  TicketDetails,
  TicketPage,
  TicketSummary,
} from '../../contract/types.ts';
import {
  attachments,
  customers,
  ticketColleagues,
  ticketEvents,
  ticketRatings,
  ticketReads,
  tickets,
  type CustomerRow,
  type TicketRatingRow,
  type TicketRow,
} from '../db/schema.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { ResultSet } from '@libsql/client';
import { combined, readOne, writeThenRead, type Write } from '../db/reads.ts';
import { ApiError } from '../errors.ts';
import type { Database, Ports } from '../ports.ts';
import { categoryIndex, categoryPath, categoryReads, type CategoryIndex } from './categories.ts';
import {
  ticketKeyed,
  ticketKeyValues,
  ticketRead,
  visibleTicketOf,
  type TicketKey,
} from './ticket-access.ts';
import { markRead, markReadWrite } from './read-markers.ts';
import { buildThread } from './ticket-thread.ts';

/** Types the preview route serves inline (decided by the file's bytes on upload). */
export const PREVIEW_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
];

/**
 * The columns a ticket summary is made of: a list reads these and nothing else (joined with the
 * requester's row in `customers`).
 */
export const summaryColumns = {
  number: tickets.number,
  title: tickets.title,
  customerId: tickets.customerId,
  requesterName: customers.name,
  followUpOf: tickets.followUpOf,
  categoryId: tickets.categoryId,
  urgency: tickets.urgency,
  status: tickets.status,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  closedAt: tickets.closedAt,
  firstResponseDueAt: tickets.firstResponseDueAt,
  firstRespondedAt: tickets.firstRespondedAt,
};

export type SummaryRow = Pick<TicketRow, Exclude<keyof typeof summaryColumns, 'requesterName'>> & {
  requesterName: string;
};

/**
 * What every reader of a ticket sees; customers' routes add how they stand to it (`role`) and
 * whether the desk wrote since they last opened it (`newReply`).
 */
export type SharedSummary = Omit<TicketSummary, 'role' | 'newReply'>;
export type SharedDetails = Omit<TicketDetails, 'role' | 'newReply'>;

/** What the details depend on besides the ticket: the reader's language and the clock. */
export interface DetailsContext {
  index: CategoryIndex;
  language: Language;
  followUpDays: number;
  now: Date;
}

export function toSummary(
  ticket: SummaryRow,
  index: CategoryIndex,
  language: Language,
): SharedSummary {
  const path = categoryPath(index, ticket.categoryId, language);
  return {
    number: ticket.number,
    title: ticket.title,
    requester: { id: ticket.customerId, name: ticket.requesterName },
    followUpOf: ticket.followUpOf,
    category: { id: ticket.categoryId, label: path.at(-1) ?? '', path },
    urgency: ticket.urgency,
    status: ticket.status,
    solutionPending: ticket.status === 'resolved',
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    closedAt: ticket.closedAt?.toISOString() ?? null,
    firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
    firstRespondedAt: ticket.firstRespondedAt?.toISOString() ?? null,
  };
}

export function toAttachmentInfo(file: typeof attachments.$inferSelect): AttachmentInfo {
  return {
    id: file.id,
    name: file.name,
    size: file.size,
    contentType: file.contentType,
    createdAt: file.createdAt.toISOString(),
    previewable: PREVIEW_TYPES.includes(file.contentType),
  };
}

export function toRating(row: TicketRatingRow): Rating {
  return {
    score: row.score,
    comment: row.comment,
    ratedAt: row.updatedAt.toISOString(),
    changeableUntil: new Date(
      row.createdAt.getTime() + RATING_CHANGE_HOURS * 3_600_000,
    ).toISOString(),
  };
}

/** Until when a closed ticket can be followed up; null when open or too late. */
export function followUpDeadline(
  ticket: Pick<TicketRow, 'status' | 'closedAt'>,
  followUpDays: number,
  now: Date,
): Date | null {
  if (ticket.status !== 'closed' || !ticket.closedAt) return null;
  const until = new Date(ticket.closedAt.getTime() + followUpDays * 86_400_000);
  return until > now ? until : null;
}

/**
 * The reads that make a ticket's details, each prepared once per way of naming the ticket
 * (`TicketKey`): so they can go with the read that finds it (by number), or after the batch
 * that creates it (by id), in one round trip.
 */
function detailQueries(where: SQL) {
  const ticketId = sql`(select ${tickets.id} from ${tickets} where ${where})`;
  return {
    events: (db: Database) =>
      db
        .select()
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, ticketId))
        .orderBy(asc(ticketEvents.seq))
        .prepare(),
    files: (db: Database) =>
      db
        .select()
        .from(attachments)
        .where(eq(attachments.ticketId, ticketId))
        .orderBy(asc(attachments.createdAt))
        .prepare(),
    requester: (db: Database) =>
      db
        .select({ name: customers.name })
        .from(customers)
        .where(eq(customers.id, sql`(select ${tickets.customerId} from ${tickets} where ${where})`))
        .prepare(),
    colleagues: (db: Database) =>
      db
        .select({ id: customers.id, name: customers.name, email: customers.email })
        .from(ticketColleagues)
        .innerJoin(customers, eq(customers.id, ticketColleagues.customerId))
        .where(eq(ticketColleagues.ticketId, ticketId))
        .orderBy(asc(customers.name))
        .prepare(),
    followUps: (db: Database) =>
      db
        .select({ number: tickets.number })
        .from(tickets)
        .where(
          eq(tickets.followUpOf, sql`(select ${tickets.number} from ${tickets} where ${where})`),
        )
        .orderBy(asc(tickets.number))
        .prepare(),
    rating: (db: Database) =>
      db.select().from(ticketRatings).where(eq(ticketRatings.ticketId, ticketId)).prepare(),
    seen: (db: Database) =>
      db
        .select({ seq: ticketReads.seenSeq })
        .from(ticketReads)
        .where(
          and(
            eq(ticketReads.ticketId, ticketId),
            eq(ticketReads.customerId, sql.placeholder('reader')),
          ),
        )
        .prepare(),
  };
}

const detailQueriesBy = {
  number: detailQueries(ticketKeyed({ number: 0 }).where),
  id: detailQueries(ticketKeyed({ id: '' }).where),
};

/**
 * The details' parts besides the ticket row: a read to send with others (`readTogether`), with
 * the last event `reader` has seen (`seen`, 0 for none or without a reader).
 */
export function detailPartsRead(db: Database, key: TicketKey, reader = '') {
  const { kind } = ticketKeyed(key);
  const queries = kind === 'number' ? detailQueriesBy.number : detailQueriesBy.id;
  const values = ticketKeyValues(key);
  const name = (part: string) => `details ${part} by ${kind}`;
  return combined(
    [
      preparedQuery(db, name('events'), queries.events).allRead(values),
      preparedQuery(db, name('files'), queries.files).allRead(values),
      preparedQuery(db, name('requester'), queries.requester).getRead(values),
      preparedQuery(db, name('colleagues'), queries.colleagues).allRead(values),
      preparedQuery(db, name('followUps'), queries.followUps).allRead(values),
      preparedQuery(db, name('rating'), queries.rating).getRead(values),
      preparedQuery(db, name('seen'), queries.seen).getRead({ ...values, reader }),
    ],
    (events, files, requester, colleagues, followUps, rating, seen) => ({
      events,
      files,
      requester,
      colleagues,
      followUps,
      rating,
      seen: seen?.seq ?? 0,
    }),
  );
}

export type DetailParts = ReturnType<ReturnType<typeof detailPartsRead>['result']>;

export async function toDetails(
  db: Database,
  ticket: TicketRow,
  context: DetailsContext,
): Promise<SharedDetails> {
  return detailsOf(
    ticket,
    await readOne(db, detailPartsRead(db, { number: ticket.number })),
    context,
  );
}

/** The details of `ticket` from the parts read for it. */
export function detailsOf(
  ticket: TicketRow,
  { events, files, requester, colleagues, followUps, rating }: DetailParts,
  { index, language, followUpDays, now }: DetailsContext,
): SharedDetails {
  const fileInfos = files.map(toAttachmentInfo);
  return {
    ...toSummary({ ...ticket, requesterName: requester?.name ?? '' }, index, language),
    colleagues,
    followUps: followUps.map((row) => row.number),
    followUpUntil: followUpDeadline(ticket, followUpDays, now)?.toISOString() ?? null,
    rating: rating ? toRating(rating) : null,
    description: ticket.description,
    additions: events
      .filter((event) => event.kind === 'information_added')
      .map((event) => ({
        text: event.text ?? '',
        at: event.createdAt.toISOString(),
        author: event.actorName,
      })),
    solution: ticket.solution,
    solutionProposedAt: ticket.solutionProposedAt?.toISOString() ?? null,
    timeline: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      at: event.createdAt.toISOString(),
      actor: { type: event.actorType, name: event.actorName },
      text: event.text,
      status: event.status,
      attachmentId: event.attachmentId,
    })),
    attachments: fileInfos,
    thread: buildThread(
      events,
      ticket.description,
      new Map(fileInfos.map((file) => [file.id, file])),
    ),
  };
}

/**
 * How a customer stands to a ticket, or null when they may not see it: requester; colleague in
 * copy or manager only while of the ticket's organization (see `ticket-access.ts`).
 */
export function ticketRole(
  ticket: Pick<TicketRow, 'customerId' | 'organization'>,
  viewer: CustomerRow,
  inCopy: boolean,
): TicketRole | null {
  if (ticket.customerId === viewer.id) return 'requester';
  if (viewer.organization === null || ticket.organization !== viewer.organization) return null;
  if (inCopy) return 'colleague';
  return viewer.organizationManager ? 'manager' : null;
}

/** What a customer's view of a ticket is read from: to send with the session check. */
export function ticketViewRead(db: Database, viewer: CustomerRow, key: TicketKey) {
  return combined(
    [ticketRead(db, viewer, key), detailPartsRead(db, key, viewer.id)],
    (found, parts) => ({ found, parts }),
  );
}

export type TicketView = ReturnType<ReturnType<typeof ticketViewRead>['result']>;

/**
 * The details of a ticket as the viewer sees it, from what `ticketViewRead` read (the category
 * tree read with it when not kept); `not_found` when they may not see it.
 */
export async function viewedDetails(
  ports: Ports,
  viewer: CustomerRow,
  { found, parts }: TicketView,
): Promise<{ ticket: TicketRow; details: TicketDetails }> {
  const { ticket } = visibleTicketOf(found, viewer);
  const index = await categoryIndex(ports.db);
  return { ticket, details: customerDetailsOf(ports, viewer, ticket, parts, index) };
}

/**
 * Runs a change's writes and reads the ticket as the viewer then sees it (`viewedDetails`), in
 * one round trip (one write transaction), marking it opened for them as the details route does
 * (when `guard`, the change's own condition, holds). Returns the writes' results too.
 */
export async function writeThenView(
  ports: Ports,
  viewer: CustomerRow,
  key: TicketKey,
  writes: readonly Write[],
  guard?: SQL,
): Promise<{ written: ResultSet[]; view: TicketView }> {
  const { db, clock } = ports;
  const ticketId =
    'number' in key
      ? sql`(select ${tickets.id} from ${tickets} where ${tickets.number} = ${key.number})`
      : sql`${key.id}`;
  const [written, view] = await writeThenRead(
    db,
    [...writes, markReadWrite(db, ticketId, viewer.id, clock.now(), guard)],
    [ticketViewRead(db, viewer, key), ...categoryReads(db)],
  );
  return { written, view };
}

/**
 * The reader opened the ticket: their marker moves to its last event, so it is no longer
 * marked with a new reply for them (written only when it moves, so rereading writes nothing).
 */
export async function markOpened(
  ports: Ports,
  viewer: CustomerRow,
  ticket: TicketRow,
  parts: DetailParts,
): Promise<void> {
  const last = parts.events.at(-1)?.seq ?? 0;
  if (last > parts.seen) await markRead(ports.db, ticket.id, viewer.id, last, ports.clock.now());
}

/** A customer's details of `ticket` from parts already read (`detailPartsRead`) and the tree. */
export function customerDetailsOf(
  ports: Ports,
  viewer: CustomerRow,
  ticket: TicketRow,
  parts: DetailParts,
  index: CategoryIndex,
): TicketDetails {
  const details = detailsOf(ticket, parts, {
    index,
    language: viewer.language,
    followUpDays: ports.config.FOLLOW_UP_DAYS,
    now: ports.clock.now(),
  });
  const inCopy = details.colleagues.some((colleague) => colleague.id === viewer.id);
  const role = ticketRole(ticket, viewer, inCopy);
  if (!role) throw new ApiError('not_found');
  return { ...details, role, newReply: false };
}

/**
 * A page of summaries from rows read one beyond `limit` (lists and search alike): the extra row
 * only tells that there is a next page, whose cursor is the last number shown.
 */
export async function ticketPage(
  db: Database,
  viewer: CustomerRow,
  rows: (SummaryRow & { role: TicketRole; newReply: number })[],
  limit: number,
): Promise<TicketPage> {
  const index = await categoryIndex(db);
  const page = rows.slice(0, limit);
  return {
    // Assigned, not spread: copying a summary by spreading it cost more than making it.
    items: page.map((row) =>
      Object.assign(toSummary(row, index, viewer.language), {
        role: row.role,
        newReply: Boolean(row.newReply),
      }),
    ),
    nextCursor: rows.length > limit ? String(page.at(-1)!.number) : null,
  };
}
