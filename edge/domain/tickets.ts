/**
 * @module
 * Reading tickets: summaries and details as customers and the desk see them. Who may see which
 * ticket is decided in `ticket-access.ts`.
 */
import { asc, eq, sql } from 'drizzle-orm';
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
  tickets,
  type CustomerRow,
  type TicketRatingRow,
  type TicketRow,
} from '../db/schema.ts';
import { preparedQuery } from '../db/prepared.ts';
import { combined, readOne, readTogether } from '../db/reads.ts';
import { ApiError } from '../errors.ts';
import type { Database, Ports } from '../ports.ts';
import { categoryIndex, categoryPath, categoryReads, type CategoryIndex } from './categories.ts';
import { ticketByNumberRead, visibleTicketOf } from './ticket-access.ts';
import { markRead, seenSeq } from './read-markers.ts';
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

/** The id of the ticket numbered by the `number` placeholder. */
const ticketIdOfNumber = sql`(select ${tickets.id} from ${tickets} where ${tickets.number} = ${sql.placeholder('number')})`;

/**
 * The reads that make a ticket's details, each prepared once, all by the ticket's number: so
 * they can go with the read that finds the ticket, in one round trip.
 */
const detailReads = {
  events: (db: Database) =>
    db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketIdOfNumber))
      .orderBy(asc(ticketEvents.seq))
      .prepare(),
  files: (db: Database) =>
    db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, ticketIdOfNumber))
      .orderBy(asc(attachments.createdAt))
      .prepare(),
  requester: (db: Database) =>
    db
      .select({ name: customers.name })
      .from(customers)
      .where(
        eq(
          customers.id,
          sql`(select ${tickets.customerId} from ${tickets} where ${tickets.number} = ${sql.placeholder('number')})`,
        ),
      )
      .prepare(),
  colleagues: (db: Database) =>
    db
      .select({ id: customers.id, name: customers.name, email: customers.email })
      .from(ticketColleagues)
      .innerJoin(customers, eq(customers.id, ticketColleagues.customerId))
      .where(eq(ticketColleagues.ticketId, ticketIdOfNumber))
      .orderBy(asc(customers.name))
      .prepare(),
  followUps: (db: Database) =>
    db
      .select({ number: tickets.number })
      .from(tickets)
      .where(eq(tickets.followUpOf, sql.placeholder('number')))
      .orderBy(asc(tickets.number))
      .prepare(),
  rating: (db: Database) =>
    db.select().from(ticketRatings).where(eq(ticketRatings.ticketId, ticketIdOfNumber)).prepare(),
};

/** The details' parts besides the ticket row: a read to send with others (`readTogether`). */
export function detailPartsRead(db: Database, number: number) {
  const values = { number };
  return combined(
    [
      preparedQuery(db, 'details events', detailReads.events).allRead(values),
      preparedQuery(db, 'details files', detailReads.files).allRead(values),
      preparedQuery(db, 'details requester', detailReads.requester).getRead(values),
      preparedQuery(db, 'details colleagues', detailReads.colleagues).allRead(values),
      preparedQuery(db, 'details followUps', detailReads.followUps).allRead(values),
      preparedQuery(db, 'details rating', detailReads.rating).getRead(values),
    ],
    (events, files, requester, colleagues, followUps, rating) => ({
      events,
      files,
      requester,
      colleagues,
      followUps,
      rating,
    }),
  );
}

export type DetailParts = ReturnType<ReturnType<typeof detailPartsRead>['result']>;

export async function toDetails(
  db: Database,
  ticket: TicketRow,
  context: DetailsContext,
): Promise<SharedDetails> {
  return detailsOf(ticket, await readOne(db, detailPartsRead(db, ticket.number)), context);
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

/**
 * Ticket `number`'s details as the given customer sees them, in their language, read in one
 * round trip (the ticket, every part of its details, the category tree when not kept), and
 * opened; `not_found` when they may not see it.
 */
export async function customerDetails(
  ports: Ports,
  viewer: CustomerRow,
  number: number,
): Promise<TicketDetails> {
  const { db } = ports;
  const [found, parts] = await readTogether(db, [
    ticketByNumberRead(db, viewer, number),
    detailPartsRead(db, number),
    ...categoryReads(db),
  ]);
  const { ticket } = visibleTicketOf(found, viewer);
  const details = customerDetailsOf(ports, viewer, ticket, parts, await categoryIndex(db));
  await markOpened(ports, viewer, ticket, parts);
  return details;
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
  if (last > (await seenSeq(ports.db, ticket.id, viewer.id))) {
    await markRead(ports.db, ticket.id, viewer.id, last, ports.clock.now());
  }
}

/** The same from parts already read (`detailPartsRead`) and the category tree. */
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
    items: page.map((row) => ({
      ...toSummary(row, index, viewer.language),
      role: row.role,
      newReply: Boolean(row.newReply),
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.number) : null,
  };
}
