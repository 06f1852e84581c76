/**
 * @module
 * Satisfaction ratings: the requester rates a closed ticket once (1 to 5, an optional comment),
 * and may change it for `RATING_CHANGE_HOURS` after first giving it. A rating is a `ticketChange`
 * of the closed ticket: the upsert, the `rated` timeline event and the desk's `ticket.rated`
 * webhook go in one batch, under a guard that also holds the change window, so a late change or
 * a rating racing the window writes nothing.
 */
import { and, eq, sql } from 'drizzle-orm';
import { RATING_CHANGE_HOURS, type RatingSource } from '../../contract/domain.ts';
import type { RatingBody } from '../../contract/schemas.ts';
import { ticketRatings, tickets, type CustomerRow, type TicketRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';
import { customerActor, ticketChange, type TicketChange } from './events.ts';

const HOUR_MS = 3_600_000;

/**
 * The change that rates the ticket as its requester (the caller checks who may): it applies
 * only while the ticket is closed and its rating can still be changed.
 */
export function ratingChange(
  db: Database,
  ticket: Pick<TicketRow, 'id'>,
  requester: Pick<CustomerRow, 'id'>,
  { score, comment }: RatingBody,
  source: RatingSource,
  now: Date,
): TicketChange {
  const text = comment?.trim() ? comment.trim() : null;
  const lockedBefore = new Date(now.getTime() - RATING_CHANGE_HOURS * HOUR_MS);
  // No rating yet, or one first given within the window.
  const changeable = sql`not exists (select 1 from ${ticketRatings} where ${and(
    eq(ticketRatings.ticketId, ticket.id),
    sql`${ticketRatings.createdAt} <= ${lockedBefore.getTime()}`,
  )})`;
  return {
    from: ['closed'],
    where: and(eq(tickets.customerId, requester.id), changeable),
    events: [{ kind: 'rated', text, rating: { score, source } }],
    extra: (guard) => [
      db.run(sql`insert into ${ticketRatings}
          (ticket_id, customer_id, score, comment, source, created_at, updated_at)
        select ${ticket.id}, ${requester.id}, ${score}, ${text}, ${source}, ${now.getTime()}, ${now.getTime()}
        where ${guard}
        on conflict (ticket_id) do update set score = excluded.score,
          comment = excluded.comment, source = excluded.source, updated_at = excluded.updated_at`),
    ],
  };
}

/**
 * Rates the ticket as its requester (the caller checks who may). Throws `wrong_state` when the
 * ticket is not closed or its rating can no longer be changed.
 */
export async function rateTicket(
  db: Database,
  ticket: Pick<TicketRow, 'id'>,
  requester: Pick<CustomerRow, 'id' | 'name'>,
  rating: RatingBody,
  source: RatingSource,
  now: Date,
): Promise<void> {
  const change = ratingChange(db, ticket, requester, rating, source, now);
  const applied = await ticketChange(db, ticket.id, customerActor(requester), change, now);
  if (!applied) throw new ApiError('wrong_state');
}
