/**
 * @module
 * Counts for home, over the tickets a customer sees as theirs (`mine`: requested, or in copy
 * within their organization): tickets with a new reply for them, open tickets waiting for them.
 * A read to send with the session check (`customerReads`).
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { TicketCounts } from '../../contract/types.ts';
import { getRow, mapped, type Read } from '../db/reads.ts';
import { tickets, type CustomerRow } from '../db/schema.ts';
import type { Database } from '../ports.ts';
import { newReplyColumn } from './read-markers.ts';
import { scopeCondition } from './ticket-access.ts';

export function ticketCountsRead(db: Database, viewer: CustomerRow): Read<TicketCounts> {
  const query = db
    .select({
      newReplies: sql<number>`coalesce(sum(${newReplyColumn(viewer.id)}), 0)`,
      waitingForCustomer: count(
        sql`case when ${eq(tickets.status, 'waiting_for_customer')} then 1 end`,
      ),
    })
    .from(tickets)
    .where(and(scopeCondition(viewer, 'mine')))
    .prepare();
  return mapped(getRow(query), (row) => ({
    newReplies: Number(row?.newReplies ?? 0),
    waitingForCustomer: Number(row?.waitingForCustomer ?? 0),
  }));
}
