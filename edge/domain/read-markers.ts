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

/** The reader's marker on a ticket: the last event seen, 0 for none. */
export async function seenSeq(db: Database, ticketId: string, readerId: string): Promise<number> {
  const [row] = await db
    .select({ seq: ticketReads.seenSeq })
    .from(ticketReads)
    .where(and(eq(ticketReads.ticketId, ticketId), eq(ticketReads.customerId, readerId)));
  return row?.seq ?? 0;
}
