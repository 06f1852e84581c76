/**
 * @module
 * The pages the ticket list shows. The open list without a filter shows the tickets waiting for
 * the customer's reply first (all of them, on the first page), then the others newest first,
 * a page at a time; every other list is the API's order, newest first.
 */
import { OPEN_STATUSES, type TicketScope, type TicketState } from '../../contract/domain.ts';
import type { TicketPage, TicketSummary } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { filterQuery, type TicketFilter } from '../ticket-filters.ts';

export interface ListRequest {
  state: TicketState;
  /** A search's words; empty for the whole list. */
  query: string;
  scope: TicketScope;
  filter: TicketFilter;
  /** After this page's cursor; undefined for the first page. */
  cursor: string | undefined;
}

const NOT_WAITING = OPEN_STATUSES.filter((status) => status !== 'waiting_for_customer');

/** Every open ticket waiting for the customer: rarely more than a page. */
async function allWaiting(client: ApiClient, scope: TicketScope): Promise<TicketSummary[]> {
  const items: TicketSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.tickets('open', cursor, scope, { status: ['waiting_for_customer'] });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export async function listPage(client: ApiClient, request: ListRequest): Promise<TicketPage> {
  const { state, query, scope, filter, cursor } = request;
  if (query) return client.searchTickets(query, scope, cursor);
  if (state === 'closed') return client.tickets(state, cursor, scope);
  if (filter !== 'all') return client.tickets(state, cursor, scope, filterQuery(filter));
  const [waiting, rest] = await Promise.all([
    cursor === undefined ? allWaiting(client, scope) : [],
    client.tickets(state, cursor, scope, { status: NOT_WAITING }),
  ]);
  return { items: [...waiting, ...rest.items], nextCursor: rest.nextCursor };
}
