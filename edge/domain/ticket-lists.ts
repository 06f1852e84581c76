/**
 * @module
 * The customer's ticket lists, newest first, keyset-paged by number. `mine` merges two
 * index-backed reads (tickets requested, through the requester's index; tickets in copy, through
 * the colleagues' index), each bounded by the page size; `organization` reads the
 * organization's index. No read grows with the number of tickets of other customers.
 *
 * Lists are the portal's busiest reads, so each query shape (scope, state, first page or after
 * a cursor) is prepared once per database and only its values change (see `db/prepared.ts`).
 */
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATUSES, type TicketRole, type TicketState } from '../../contract/domain.ts';
import type { TicketListQuery } from '../../contract/schemas.ts';
import { preparedQuery } from '../db/prepared.ts';
import { combined, type Read } from '../db/reads.ts';
import { customers, ticketColleagues, tickets, type CustomerRow } from '../db/schema.ts';
import type { Database } from '../ports.ts';
import { newReplyColumn } from './read-markers.ts';
import { managedOrganization, roleColumn } from './ticket-access.ts';
import { summaryColumns, type SummaryRow } from './tickets.ts';

/** Open or closed, as the lists filter them. */
export function stateCondition(state: TicketState): SQL {
  return state === 'open'
    ? inArray(tickets.status, [...OPEN_STATUSES])
    : eq(tickets.status, 'closed');
}

export type ListedTicket = SummaryRow & { role: TicketRole; newReply: number };

/** The values every list query binds; a query uses those it names. */
const value = {
  viewer: sql.placeholder('viewer'),
  organization: sql.placeholder('organization'),
  cursor: sql.placeholder('cursor'),
  limit: sql.placeholder('limit'),
  /** The `status` filter, a JSON array (so one prepared query serves every set of statuses). */
  statuses: sql.placeholder('statuses'),
};

interface Shape {
  state: TicketState;
  /** Whether the page starts after a cursor. */
  after: boolean;
  /** Whether only some statuses are asked for (`status`). */
  filtered: boolean;
  /** Whether only tickets with a new reply are asked for (`newReply`). */
  newReplyOnly: boolean;
}

const newReply = newReplyColumn(value.viewer);

function pageOf({ state, after, filtered, newReplyOnly }: Shape, scope: SQL) {
  return and(
    stateCondition(state),
    filtered
      ? sql`${tickets.status} in (select value from json_each(${value.statuses}))`
      : undefined,
    after ? lt(tickets.number, value.cursor) : undefined,
    newReplyOnly ? newReply : undefined,
    scope,
  );
}

const organizationTickets = (shape: Shape) => (db: Database) =>
  db
    .select({ ...summaryColumns, role: roleColumn(value.viewer), newReply })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(pageOf(shape, eq(tickets.organization, value.organization)))
    .orderBy(desc(tickets.number))
    .limit(value.limit)
    .prepare();

/** Each row with the viewer's role as a constant, so that rows need no copying to add it. */
const asRequester = sql<'requester'>`'requester'`;
const asColleague = sql<'colleague'>`'colleague'`;

const requestedTickets = (shape: Shape) => (db: Database) =>
  db
    .select({ ...summaryColumns, role: asRequester, newReply })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(pageOf(shape, eq(tickets.customerId, value.viewer)))
    .orderBy(desc(tickets.number))
    .limit(value.limit)
    .prepare();

/**
 * The tickets the viewer is in copy on. A cross join makes SQLite walk the viewer's copies
 * (colleagues' index) and fetch each ticket by key, rather than scan the organization.
 */
const ticketsInCopy = (shape: Shape) => (db: Database) =>
  db
    .select({ ...summaryColumns, role: asColleague, newReply })
    .from(ticketColleagues)
    .crossJoin(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      pageOf(
        shape,
        and(
          eq(ticketColleagues.customerId, value.viewer),
          eq(tickets.id, ticketColleagues.ticketId),
          eq(tickets.organization, value.organization),
        )!,
      ),
    )
    .orderBy(desc(tickets.number))
    .limit(value.limit)
    .prepare();

/**
 * One page plus one row (to tell whether another page follows), newest first: a read to send
 * with others (`readTogether`).
 */
export function visibleTicketsRead(
  db: Database,
  viewer: CustomerRow,
  { state, status, newReply: newReplyOnly, scope, cursor, limit }: TicketListQuery,
): Read<ListedTicket[]> {
  const shape: Shape = {
    state,
    after: cursor !== undefined,
    filtered: status !== undefined,
    newReplyOnly: newReplyOnly === 'true',
  };
  const key = `${state} ${shape.after ? 'after' : 'first'}${shape.filtered ? ' filtered' : ''}${
    shape.newReplyOnly ? ' new-reply' : ''
  }`;
  const values = {
    viewer: viewer.id,
    organization: viewer.organization,
    cursor: cursor === undefined ? null : Number(cursor),
    limit: limit + 1,
    statuses: JSON.stringify(status?.split(',') ?? []),
  };
  if (scope === 'organization') {
    values.organization = managedOrganization(viewer);
    const query = preparedQuery(db, `organization tickets ${key}`, organizationTickets(shape));
    return query.allRead(values);
  }
  const requested = preparedQuery(db, `requested tickets ${key}`, requestedTickets(shape));
  if (viewer.organization === null) return requested.allRead(values);
  const inCopy = preparedQuery(db, `tickets in copy ${key}`, ticketsInCopy(shape));
  return combined([requested.allRead(values), inCopy.allRead(values)], (mine, copied) =>
    copied.length
      ? [...mine, ...copied].sort((a, b) => b.number - a.number).slice(0, limit + 1)
      : mine,
  );
}
