/**
 * @module
 * "New reply": per reader and ticket, the last timeline event they have seen (`ticket_reads`).
 * A desk message after it (a public comment, a proposed solution, or the desk setting
 * `waiting_for_customer`) marks the ticket for that reader in lists and counts it on home;
 * opening the ticket moves the marker to its last event. Requester, colleagues in copy and
 * managers each have their own marker.
 */
import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { ticketEvents, ticketReads, tickets } from '../db/schema.ts';
import type { Database } from '../ports.ts';

/** Timeline events that are the desk writing to the customer. */
export const deskReplyCondition = sql`${ticketEvents.actorType} = 'desk' and (${ticketEvents.kind} in ('public_comment', 'solution_proposed')
  or (${ticketEvents.kind} = 'status_changed' and ${ticketEvents.status} = 'waiting_for_customer'))`;

/** Whether the ticket of the row has a desk message after the reader's marker. */
export function newReplyColumn(readerId: string | Placeholder<'viewer'>): SQL<number> {
  const seen = sql`coalesce((select ${ticketReads.seenSeq} from ${ticketReads} where ${and(
    eq(ticketReads.ticketId, tickets.id),
    eq(ticketReads.customerId, readerId),
  )}), 0)`;
  return sql<number>`exists (select 1 from ${ticketEvents} where ${ticketEvents.ticketId} = ${tickets.id}
    and ${ticketEvents.seq} > ${seen} and ${deskReplyCondition})`;
}

/**
 * Moves the reader's marker on this ticket to `seq` (never back: a reader who loaded the
 * ticket twice at once keeps the later one).
 */
export async function markRead(
  db: Database,
  ticketId: string,
  readerId: string,
  seq: number,
  at: Date,
): Promise<void> {
  await db
    .insert(ticketReads)
    .values({ ticketId, customerId: readerId, seenSeq: seq, updatedAt: at })
    .onConflictDoUpdate({
      target: [ticketReads.ticketId, ticketReads.customerId],
      set: { seenSeq: seq, updatedAt: at },
      setWhere: sql`${ticketReads.seenSeq} < ${seq}`,
    });
}

/**
 * Moves the reader's marker on the ticket whose id `ticketId` gives to its last event, when
 * `guard` holds: a write to batch after the writes that add events, whose seq SQL chooses.
 */
export function markReadWrite(
  db: Database,
  ticketId: SQL,
  readerId: string,
  at: Date,
  guard: SQL = sql`1`,
) {
  return db.run(sql`insert into ${ticketReads} (ticket_id, customer_id, seen_seq, updated_at)
    select ${ticketEvents.ticketId}, ${readerId}, max(${ticketEvents.seq}), ${at.getTime()}
    from ${ticketEvents} where ${ticketEvents.ticketId} = ${ticketId} and ${guard}
    group by ${ticketEvents.ticketId}
    on conflict (ticket_id, customer_id) do update set seen_seq = excluded.seen_seq,
      updated_at = excluded.updated_at where ${ticketReads.seenSeq} < excluded.seen_seq`);
}
