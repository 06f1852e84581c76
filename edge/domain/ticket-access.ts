/**
 * @module
 * Who may see a customer's ticket, in one place. A customer sees a ticket as its requester, as a
 * colleague in copy (while in the ticket's organization) or as a manager of the ticket's
 * organization; to anyone else it does not exist: the same `not_found` as a missing ticket.
 * Colleagues read and add; managers only read; only the requester accepts, rejects or rates.
 */
import { and, eq, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { TicketRole, TicketScope } from '../../contract/domain.ts';
import { preparedQuery } from '../db/prepared.ts';
import { readOne } from '../db/reads.ts';
import { ticketColleagues, tickets, type CustomerRow, type TicketRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';
import { ticketRole } from './tickets.ts';

export interface VisibleTicket {
  ticket: TicketRow;
  role: TicketRole;
}

/**
 * How a read names its ticket: by number (a request's path), or by id (a ticket created in the
 * same batch, whose number SQL chooses there).
 */
export type TicketKey = { number: number } | { id: string };

/** The condition on `tickets` that finds the ticket `key` names, by a placeholder. */
export function ticketKeyed(key: TicketKey) {
  return 'number' in key
    ? { kind: 'number', where: eq(tickets.number, sql.placeholder('number')) }
    : { kind: 'id', where: eq(tickets.id, sql.placeholder('ticketId')) };
}

/** The placeholder values of `ticketKeyed(key)`. */
export function ticketKeyValues(key: TicketKey): Record<string, unknown> {
  return 'number' in key ? { number: key.number } : { ticketId: key.id };
}

/** A ticket, and whether the viewer is in copy on it; prepared once per runtime. */
const ticketByKey = (where: SQL) => (db: Database) =>
  db
    .select({
      ticket: tickets,
      inCopy: sql<number>`exists (select 1 from ${ticketColleagues} where ${and(
        eq(ticketColleagues.ticketId, tickets.id),
        eq(ticketColleagues.customerId, sql.placeholder('viewer')),
      )})`,
    })
    .from(tickets)
    .where(where)
    .limit(1)
    .prepare();

/** The ticket `key` names with whether the viewer is in copy: a read to send with others. */
export function ticketRead(db: Database, viewer: CustomerRow, key: TicketKey) {
  const { kind, where } = ticketKeyed(key);
  return preparedQuery(db, `ticket by ${kind}`, ticketByKey(where)).getRead({
    viewer: viewer.id,
    ...ticketKeyValues(key),
  });
}

/** The ticket by number with whether the viewer is in copy: a read to send with others. */
export function ticketByNumberRead(db: Database, viewer: CustomerRow, number: number) {
  return ticketRead(db, viewer, { number });
}

/** The ticket of what `ticketByNumberRead` found, with the viewer's role; else `not_found`. */
export function visibleTicketOf(
  row: { ticket: TicketRow; inCopy: number } | undefined,
  viewer: CustomerRow,
): VisibleTicket {
  const role = row ? ticketRole(row.ticket, viewer, Boolean(row.inCopy)) : null;
  if (!row || !role) throw new ApiError('not_found');
  return { ticket: row.ticket, role };
}

/** The ticket with the caller's role on it; `not_found` when missing or not theirs to see. */
export async function findVisibleTicket(
  db: Database,
  viewer: CustomerRow,
  number: number,
): Promise<VisibleTicket> {
  return visibleTicketOf(await readOne(db, ticketByNumberRead(db, viewer, number)), viewer);
}

/** Adding information, files and colleagues: the requester and colleagues in copy. */
export function requireParticipant(visible: VisibleTicket): TicketRow {
  if (visible.role === 'manager') throw new ApiError('requester_only');
  return visible.ticket;
}

/** Accepting, rejecting, rating, following up: the requester only. */
export function requireRequester(visible: VisibleTicket): TicketRow {
  if (visible.role !== 'requester') throw new ApiError('requester_only');
  return visible.ticket;
}

/**
 * The tickets a search covers, as one condition (lists use `ticket-lists.ts`, which reads each
 * part through its own index): `mine` = requested by the caller or with them in copy (of their
 * current organization); `organization` = every ticket of the caller's organization, for its
 * managers only (anyone else: `validation_failed` on `scope`).
 */
export function scopeCondition(viewer: CustomerRow, scope: TicketScope): SQL {
  if (scope === 'organization') return eq(tickets.organization, managedOrganization(viewer));
  if (viewer.organization === null) return eq(tickets.customerId, viewer.id);
  const inCopy = sql`${tickets.id} in (select ${ticketColleagues.ticketId} from ${ticketColleagues}
    where ${eq(ticketColleagues.customerId, viewer.id)})`;
  return or(
    eq(tickets.customerId, viewer.id),
    and(inCopy, eq(tickets.organization, viewer.organization)),
  )!;
}

/** The organization whose tickets the viewer may list: managers only, `scope` refused otherwise. */
export function managedOrganization(viewer: CustomerRow): string {
  if (!viewer.organizationManager || viewer.organization === null) {
    throw new ApiError('validation_failed', { scope: 'not_allowed' });
  }
  return viewer.organization;
}

/**
 * The viewer's role on each row of a query within `scopeCondition` (see `ticketRole`), from
 * their id (or a placeholder for it).
 */
export function roleColumn(viewerId: string | Placeholder<'viewer'>) {
  return sql<TicketRole>`case when ${tickets.customerId} = ${viewerId} then 'requester'
    when exists (select 1 from ${ticketColleagues} where ${and(
      eq(ticketColleagues.ticketId, tickets.id),
      eq(ticketColleagues.customerId, viewerId),
    )}) then 'colleague' else 'manager' end`;
}
