/**
 * @module
 * Full-text search of the tickets a customer can see (their text and their categories' labels), through the `ticket_search` FTS5 index
 * (see migrations/0005_ticket_search.sql and the note in edge/db/schema.ts): newest first by
 * number, a page at a time with the same keyset cursor as the lists.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TicketScope } from '../../contract/domain.ts';
import { customers, tickets, type CustomerRow } from '../db/schema.ts';
import { allRows, type Read } from '../db/reads.ts';
import type { Database } from '../ports.ts';
import type { CategoryIndex } from './categories.ts';
import { categoriesMatching } from './category-matches.ts';
import type { SearchTerms } from './search-terms.ts';
import { newReplyColumn } from './read-markers.ts';
import { roleColumn, scopeCondition } from './ticket-access.ts';
import type { ListedTicket } from './ticket-lists.ts';
import { summaryColumns } from './tickets.ts';

/**
 * Tickets whose description (and so title), additions or category hold every word. An index
 * row's rowid is its ticket's number shifted left 24 bits, so the number needs no lookup.
 */
function matchingAll(index: CategoryIndex, { words, matches }: SearchTerms): SQL | undefined {
  if (!matches.length) return undefined;
  return and(
    ...matches.map((match, i) => {
      const text = sql`${tickets.number} in (select rowid >> 24 from ticket_search where ticket_search match ${match})`;
      const named = categoriesMatching(index, words[i]!);
      return named.length ? or(text, inArray(tickets.categoryId, named)) : text;
    }),
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
  terms: SearchTerms,
  page: { cursor?: string; limit: number },
  index: CategoryIndex,
): Read<ListedTicket[]> | null {
  const visible = scopeCondition(viewer, scope);
  const { matches, number } = terms;
  if (!matches.length && number === null) return null;
  const query = db
    .select({ ...summaryColumns, role: roleColumn(viewer.id), newReply: newReplyColumn(viewer.id) })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        visible,
        page.cursor ? lt(tickets.number, Number(page.cursor)) : undefined,
        or(matchingAll(index, terms), number === null ? undefined : eq(tickets.number, number)),
      ),
    )
    .orderBy(desc(tickets.number))
    .limit(page.limit + 1)
    .prepare();
  return allRows(query);
}
