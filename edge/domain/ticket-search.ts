/**
 * @module
 * Full-text search of the tickets a customer can see, through the `ticket_search` FTS5 index
 * (see migrations/0005_ticket_search.sql and the note in edge/db/schema.ts): newest first by
 * number, a page at a time with the same keyset cursor as the lists.
 */
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TicketScope } from '../contract/domain.ts';
import { customers, tickets, type CustomerRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';
import type { SearchTerms } from './search-terms.ts';
import { summaryColumns, type SummaryRow } from './tickets.ts';

/**
 * The tickets the customer sees in a scope: their own, or, for a manager, their organization's.
 * Anything else is refused as a field error, never answered with someone else's tickets.
 */
export function ticketsInScope(viewer: CustomerRow, scope: TicketScope): SQL {
  if (scope === 'mine') return eq(tickets.customerId, viewer.id);
  if (!viewer.organizationManager || !viewer.organization)
    throw new ApiError('validation_failed', { scope: 'not_allowed' });
  return eq(tickets.organization, viewer.organization);
}

/**
 * Numbers of the tickets whose description or additions hold every term. An index row's rowid
 * is its ticket's number shifted left 24 bits, so the number needs no lookup.
 */
function numbersMatchingAll(matches: string[]): SQL {
  return sql.join(
    matches.map(
      (match) => sql`select rowid >> 24 from ticket_search where ticket_search match ${match}`,
    ),
    sql` intersect `,
  );
}

export async function searchTickets(
  db: Database,
  visible: SQL,
  { matches, number }: SearchTerms,
  page: { cursor?: string; limit: number },
): Promise<SummaryRow[]> {
  if (!matches.length && number === null) return [];
  return db
    .select(summaryColumns)
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        visible,
        page.cursor ? lt(tickets.number, Number(page.cursor)) : undefined,
        or(
          matches.length ? sql`${tickets.number} in (${numbersMatchingAll(matches)})` : undefined,
          number === null ? undefined : eq(tickets.number, number),
        ),
      ),
    )
    .orderBy(desc(tickets.number))
    .limit(page.limit + 1);
}
