/**
 * @module
 * The customer's ticket lists, newest first, keyset-paged by number. `mine` merges two
 * index-backed reads (tickets requested, through the requester's index; tickets in copy, through
 * the colleagues' index), each bounded by the page size; `organization` reads the
 * organization's index. No read grows with the number of tickets of other customers.
 */
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { OPEN_STATUSES, type TicketRole } from '../contract/domain.ts';
import type { TicketListQuery } from '../contract/schemas.ts';
import { customers, ticketColleagues, tickets, type CustomerRow } from '../db/schema.ts';
import type { Database } from '../ports.ts';
import { roleColumn, scopeCondition } from './ticket-access.ts';
import { summaryColumns, type SummaryRow } from './tickets.ts';

/** Open or closed, as the lists filter them. */
export function stateCondition(state: 'open' | 'closed'): SQL {
  return state === 'open'
    ? inArray(tickets.status, [...OPEN_STATUSES])
    : eq(tickets.status, 'closed');
}

export type ListedTicket = SummaryRow & { role: TicketRole };

/** One page plus one row (to tell whether another page follows), newest first. */
export async function listVisibleTickets(
  db: Database,
  viewer: CustomerRow,
  { state, scope, cursor, limit }: TicketListQuery,
): Promise<ListedTicket[]> {
  const page = (extra: SQL | undefined) =>
    and(stateCondition(state), cursor ? lt(tickets.number, Number(cursor)) : undefined, extra);
  if (scope === 'organization') {
    return db
      .select({ ...summaryColumns, role: roleColumn(viewer) })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(page(scopeCondition(viewer, scope)))
      .orderBy(desc(tickets.number))
      .limit(limit + 1);
  }
  const [requested, inCopy] = await Promise.all([
    db
      .select(summaryColumns)
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(page(eq(tickets.customerId, viewer.id)))
      .orderBy(desc(tickets.number))
      .limit(limit + 1),
    inCopyOf(db, viewer, page, limit),
  ]);
  return [
    ...requested.map((row) => ({ ...row, role: 'requester' as const })),
    ...inCopy.map((row) => ({ ...row, role: 'colleague' as const })),
  ]
    .sort((a, b) => b.number - a.number)
    .slice(0, limit + 1);
}

/**
 * The page of tickets the viewer is in copy on. A cross join makes SQLite walk the viewer's
 * copies (colleagues' index) and fetch each ticket by key, rather than scan the organization.
 */
function inCopyOf(
  db: Database,
  viewer: CustomerRow,
  page: (extra: SQL | undefined) => SQL | undefined,
  limit: number,
) {
  if (viewer.organization === null) return [];
  return db
    .select(summaryColumns)
    .from(ticketColleagues)
    .crossJoin(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      page(
        and(
          eq(ticketColleagues.customerId, viewer.id),
          eq(tickets.id, ticketColleagues.ticketId),
          eq(tickets.organization, viewer.organization),
        ),
      ),
    )
    .orderBy(desc(tickets.number))
    .limit(limit + 1);
}
