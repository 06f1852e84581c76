/**
 * @module
 * The open list's status filter: its values (as the URL names them) and what each asks the API
 * for. `all` is the list without a filter and never appears in a path.
 */
import type { OpenStatus } from '../contract/domain.ts';

export const TICKET_FILTERS = ['all', 'waiting', 'new-reply', 'in-progress', 'solution'] as const;
export type TicketFilter = (typeof TICKET_FILTERS)[number];

export function isTicketFilter(value: string | undefined): value is TicketFilter {
  return (TICKET_FILTERS as readonly (string | undefined)[]).includes(value);
}

/** What the list asks for: only some statuses, or only tickets with a new reply. */
export interface FilterQuery {
  status?: OpenStatus[];
  newReply?: true;
}

const QUERIES: Record<TicketFilter, FilterQuery> = {
  all: {},
  waiting: { status: ['waiting_for_customer'] },
  'new-reply': { newReply: true },
  'in-progress': { status: ['in_progress'] },
  solution: { status: ['resolved'] },
};

export function filterQuery(filter: TicketFilter): FilterQuery {
  return QUERIES[filter];
}
