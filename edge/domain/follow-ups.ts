/**
 * @module
 * Follow-ups: a closed ticket is never reopened, but for `FOLLOW_UP_DAYS` after it closed its
 * requester can open a new ticket linked to it. The old ticket's timeline says so
 * (`follow_up_opened`, text: the new number), written in the new ticket's own batch.
 */
import { and, eq, sql } from 'drizzle-orm';
import { ticketEvents, tickets, type CustomerRow, type TicketRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { randomId } from '../lib/encoding.ts';
import type { Database } from '../ports.ts';
import { followUpDeadline } from './tickets.ts';

/**
 * The caller's own closed ticket that `followUpOf` names, still within its follow-up window.
 * Anything else, including another customer's ticket, is the same `not_allowed`: nothing tells
 * whether that ticket exists.
 */
export async function followedUpTicket(
  db: Database,
  requester: Pick<CustomerRow, 'id'>,
  followUpOf: string | undefined,
  followUpDays: number,
  now: Date,
): Promise<TicketRow | null> {
  if (followUpOf === undefined) return null;
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.number, Number(followUpOf)), eq(tickets.customerId, requester.id)))
    .limit(1);
  if (!ticket || !followUpDeadline(ticket, followUpDays, now)) {
    throw new ApiError('validation_failed', { followUpOf: 'not_allowed' });
  }
  return ticket;
}

/** The old ticket's `follow_up_opened` event, naming the new ticket's number once inserted. */
export function followUpOpenedEvent(
  db: Database,
  old: Pick<TicketRow, 'id'>,
  newTicketId: string,
  actor: Pick<CustomerRow, 'id' | 'name'>,
  at: Date,
) {
  return db.run(sql`insert into ${ticketEvents}
      (id, ticket_id, kind, actor_type, actor_id, actor_name, text, created_at)
    select ${randomId()}, ${old.id}, 'follow_up_opened', 'customer', ${actor.id}, ${actor.name},
      cast(${tickets.number} as text), ${at.getTime()}
    from ${tickets} where ${tickets.id} = ${newTicketId}`);
}
