/**
 * @module
 * Full-text search of the tickets a customer can see, through the `ticket_search` FTS5 index
 * (see migrations/0005_ticket_search.sql and the note in edge/db/schema.ts): newest first by
 * number, a page at a time with the same keyset cursor as the lists.
 */
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TicketScope } from '../../contract/domain.ts';
import { customers, tickets, type CustomerRow } from '../db/schema.ts';
import { allRows, type Read } from '../db/reads.ts';
import type { Database } from '../ports.ts';
import type { SearchTerms } from './search-terms.ts';
import { roleColumn, scopeCondition } from './ticket-access.ts';
import type { ListedTicket } from './ticket-lists.ts';
import { summaryColumns } from './tickets.ts';

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

/**
 * Within the tickets `viewer` sees in `scope` (see `ticket-access.ts`), with their role; a read
 * to send with others (`readTogether`), none when nothing was typed to search for.
 */
export function searchTicketsRead(
  db: Database,
  viewer: CustomerRow,
  scope: TicketScope,
  { matches, number }: SearchTerms,
  page: { cursor?: string; limit: number },
): Read<ListedTicket[]> | null {
  const visible = scopeCondition(viewer, scope);
  if (!matches.length && number === null) return null;
  const query = db
    .select({ ...summaryColumns, role: roleColumn(viewer.id) })
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
    .limit(page.limit + 1)
    .prepare();
  return allRows(query);
}
