/**
 * @module
 * Satisfaction ratings as the desk lists them: newest change first, with the ticket's number and
 * the customer, paged by a keyset cursor over (updated_at, ticket number) so that a rating
 * changed while paging is never skipped twice or repeated.
 */
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { DESK_CURSOR, type DeskRatingListQuery } from '../../contract/desk-schemas.ts';
import type { DeskRatingPage } from '../../contract/desk-types.ts';
import { customers, ticketRatings, tickets } from '../db/schema.ts';
import type { Database } from '../ports.ts';
import { customerRef } from './desk-tickets.ts';

function beforeCursor(cursor: string): SQL | undefined {
  const [, at, number] = DESK_CURSOR.exec(cursor)!;
  const updatedAt = new Date(Number(at));
  return or(
    lt(ticketRatings.updatedAt, updatedAt),
    and(eq(ticketRatings.updatedAt, updatedAt), lt(tickets.number, Number(number))),
  );
}

export async function listDeskRatings(
  db: Database,
  query: DeskRatingListQuery,
): Promise<DeskRatingPage> {
  const rows = await db
    .select({ rating: ticketRatings, number: tickets.number, customer: customers })
    .from(ticketRatings)
    .innerJoin(tickets, eq(tickets.id, ticketRatings.ticketId))
    .innerJoin(customers, eq(customers.id, ticketRatings.customerId))
    .where(
      and(
        query.since ? gte(ticketRatings.updatedAt, new Date(query.since)) : undefined,
        query.cursor ? beforeCursor(query.cursor) : undefined,
      ),
    )
    .orderBy(desc(ticketRatings.updatedAt), desc(tickets.number))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ rating, number, customer }) => ({
      ticket: { number },
      customer: customerRef(customer),
      score: rating.score,
      comment: rating.comment,
      source: rating.source,
      createdAt: rating.createdAt.toISOString(),
      updatedAt: rating.updatedAt.toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? `${last.rating.updatedAt.getTime()}.${last.number}`
        : null,
  };
}
