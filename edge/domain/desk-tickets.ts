/**
 * @module
 * Tickets as the service desk reads them: every customer's, filtered, with the hidden type and
 * the customer, paged by a keyset cursor over (updated_at, number) so that a page never skips
 * or repeats a ticket while others change.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, not, or, type SQL } from 'drizzle-orm';
import { DESK_CURSOR, type DeskTicketListQuery } from '../../contract/desk-schemas.ts';
import type {
  DeskCustomerRef,
  DeskTicketDetails,
  DeskTicketPage,
} from '../../contract/desk-types.ts';
import { OPEN_STATUSES, type Language } from '../../contract/domain.ts';
import { customers, tickets, type CustomerRow, type TicketRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database, Ports } from '../ports.ts';
import type { CategoryIndex } from './categories.ts';
import { readTicketContext } from './ticket-context.ts';
import { toDetails, toSummary, type DetailsContext } from './tickets.ts';

export function customerRef(row: CustomerRow): DeskCustomerRef {
  return { id: row.id, email: row.email, name: row.name, organization: row.organization };
}

/** The category and every category below it. */
function withDescendants(index: CategoryIndex, id: string): string[] {
  const ids: string[] = [];
  const walk = (current: string) => {
    ids.push(current);
    for (const child of index.childrenOf.get(current) ?? []) walk(child.id);
  };
  walk(id);
  return ids;
}

function afterCursor(cursor: string, order: 'asc' | 'desc'): SQL | undefined {
  const [, at, number] = DESK_CURSOR.exec(cursor)!;
  const updatedAt = new Date(Number(at));
  const beyond = order === 'asc' ? gt : lt;
  return or(
    beyond(tickets.updatedAt, updatedAt),
    and(eq(tickets.updatedAt, updatedAt), beyond(tickets.number, Number(number))),
  );
}

/**
 * Overdue: open, not answered by the desk yet, and past its first-response due date (`false`:
 * every other ticket).
 */
function overdueCondition(overdue: boolean, now: Date): SQL {
  const condition = and(
    inArray(tickets.status, [...OPEN_STATUSES]),
    isNull(tickets.firstRespondedAt),
    lt(tickets.firstResponseDueAt, now),
  )!;
  return overdue ? condition : not(condition);
}

export async function listDeskTickets(
  db: Database,
  query: DeskTicketListQuery,
  index: CategoryIndex,
  language: Language,
  now: Date,
): Promise<DeskTicketPage> {
  if (query.category && !index.byId.has(query.category)) {
    throw new ApiError('validation_failed', { category: 'not_allowed' });
  }
  const direction = query.order === 'asc' ? asc : desc;
  const rows = await db
    .select({ ticket: tickets, customer: customers })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        query.status ? inArray(tickets.status, query.status) : undefined,
        query.type ? eq(tickets.type, query.type) : undefined,
        query.category
          ? inArray(tickets.categoryId, withDescendants(index, query.category))
          : undefined,
        query.customer ? eq(tickets.customerId, query.customer) : undefined,
        query.organization ? eq(customers.organization, query.organization) : undefined,
        query.updatedSince ? gte(tickets.updatedAt, new Date(query.updatedSince)) : undefined,
        query.overdue ? overdueCondition(query.overdue === 'true', now) : undefined,
        query.cursor ? afterCursor(query.cursor, query.order) : undefined,
      ),
    )
    .orderBy(direction(tickets.updatedAt), direction(tickets.number))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.ticket;
  return {
    items: page.map(({ ticket, customer }) => ({
      ...toSummary({ ...ticket, requesterName: customer.name }, index, language),
      type: ticket.type,
      customer: customerRef(customer),
    })),
    nextCursor:
      rows.length > query.limit && last ? `${last.updatedAt.getTime()}.${last.number}` : null,
  };
}

/** Any customer's ticket by number, with its customer; `not_found` when there is none. */
export async function findDeskTicket(
  db: Database,
  number: number,
): Promise<{ ticket: TicketRow; customer: CustomerRow }> {
  const [row] = await db
    .select({ ticket: tickets, customer: customers })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.number, number))
    .limit(1);
  if (!row) throw new ApiError('not_found');
  return row;
}

export async function toDeskDetails(
  db: Database,
  { ticket, customer }: { ticket: TicketRow; customer: CustomerRow },
  context: DetailsContext,
): Promise<DeskTicketDetails> {
  return {
    ...(await toDetails(db, ticket, context)),
    type: ticket.type,
    customer: customerRef(customer),
    context: readTicketContext(ticket.context),
  };
}

/** The desk reads in the deployment's default language. */
export function deskContext(ports: Ports, index: CategoryIndex): DetailsContext {
  return {
    index,
    language: ports.config.DEFAULT_LANGUAGE,
    followUpDays: ports.config.FOLLOW_UP_DAYS,
    now: ports.clock.now(),
  };
}
