/**
 * @module
 * Colleagues in copy: active customers of the ticket's organization whom the requester or a
 * colleague adds. Each addition writes its row, a `colleague_added` timeline event and its
 * webhook in the batch of the change; adding someone already in copy changes nothing.
 */
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Colleague } from '../../contract/types.ts';
import { guardedInsert } from '../db/guarded-insert.ts';
import { customers, ticketColleagues, type CustomerRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';
import type { Actor } from './event-types.ts';
import { eventWrites } from './events.ts';

type BatchItem = Parameters<Database['batch']>[0][number];

/** At most this many colleagues are put in copy at once (as `colleaguesBody` allows). */
export const MAX_COLLEAGUES_AT_ONCE = 20;

/** Active customers of the caller's organization, the caller left out; none without one. */
export async function listColleagues(db: Database, viewer: CustomerRow): Promise<Colleague[]> {
  if (viewer.organization === null) return [];
  return db
    .select({ id: customers.id, name: customers.name, email: customers.email })
    .from(customers)
    .where(
      and(
        eq(customers.organization, viewer.organization),
        eq(customers.active, true),
        ne(customers.id, viewer.id),
      ),
    )
    .orderBy(asc(customers.name), asc(customers.email));
}

/** `"a, b,,c"` → the distinct ids, in order. */
export function colleagueIdList(raw: string | undefined): string[] {
  return [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The customers behind `ids`, each an active customer of `organization` other than the
 * requester; otherwise `validation_failed` on `field`, the same whether an id exists or not.
 */
export async function resolveColleagues(
  db: Database,
  organization: string | null,
  requesterId: string,
  ids: string[],
  field: string,
): Promise<Colleague[]> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return [];
  const refused = () => new ApiError('validation_failed', { [field]: 'not_allowed' });
  if (organization === null || distinct.length > MAX_COLLEAGUES_AT_ONCE) throw refused();
  const found = await db
    .select({ id: customers.id, name: customers.name, email: customers.email })
    .from(customers)
    .where(
      and(
        inArray(customers.id, distinct),
        eq(customers.organization, organization),
        eq(customers.active, true),
        ne(customers.id, requesterId),
      ),
    );
  if (found.length !== distinct.length) throw refused();
  return found;
}

/**
 * The writes that put `colleagues` in copy, each under `guard` and only if not in copy already:
 * the row, the timeline event (text: the colleague's name) and its webhook.
 */
export function colleagueWrites(
  db: Database,
  ticketId: string,
  actor: Actor,
  colleagues: Colleague[],
  at: Date,
  guard: SQL = sql`1`,
): BatchItem[] {
  return colleagues.flatMap((colleague) => {
    const notYet = sql`not exists (select 1 from ${ticketColleagues} where ${and(
      eq(ticketColleagues.ticketId, ticketId),
      eq(ticketColleagues.customerId, colleague.id),
    )})`;
    const when = and(guard, notYet)!;
    return [
      ...eventWrites(
        db,
        ticketId,
        actor,
        { kind: 'colleague_added', text: colleague.name },
        at,
        when,
      ),
      guardedInsert(
        db,
        ticketColleagues,
        { ticketId, customerId: colleague.id, addedBy: actor.id ?? '', createdAt: at },
        when,
      ),
    ];
  });
}
