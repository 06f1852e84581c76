/**
 * @module
 * Changing a ticket. Every change goes through `ticketChange`: one batch (one transaction) that
 * updates the ticket only if it is in an allowed state, and writes its timeline events (and any
 * other rows of the change) only if that update happened, so concurrent changes cannot both win.
 * Events the desk hears about also write their webhook outbox rows in that batch.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { guardedInsert } from '../db/guarded-insert.ts';
import { ticketEvents, tickets, type TicketRow } from '../db/schema.ts';
import { randomId } from '../lib/encoding.ts';
import type { Database } from '../ports.ts';
import { outboxInsert } from '../webhooks/outbox.ts';
import type { Actor, NewEvent } from './event-types.ts';
import type { TicketStatus } from '../../contract/domain.ts';

type BatchItem = Parameters<Database['batch']>[0][number];

/**
 * The insert of one timeline event, taking effect only when `guard` holds. Timeline only: a
 * change that the desk must hear about uses `eventWrites`.
 */
export function eventInsert(
  db: Database,
  ticketId: string,
  actor: Actor,
  event: NewEvent,
  at: Date,
  guard: SQL = sql`1`,
) {
  return guardedInsert(
    db,
    ticketEvents,
    {
      id: event.id ?? randomId(),
      ticketId,
      kind: event.kind,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      text: event.text ?? null,
      status: event.status ?? null,
      attachmentId: event.attachmentId ?? null,
      createdAt: at,
    },
    guard,
  );
}

/** The timeline event and, for the kinds that have one, its webhook outbox rows. */
export function eventWrites(
  db: Database,
  ticketId: string,
  actor: Actor,
  event: NewEvent,
  at: Date,
  guard: SQL = sql`1`,
): BatchItem[] {
  const withId = { ...event, id: event.id ?? randomId() };
  const outbox = outboxInsert(db, ticketId, withId.id, actor, withId, at, guard);
  return [eventInsert(db, ticketId, actor, withId, at, guard), ...(outbox ? [outbox] : [])];
}

export interface TicketChange {
  /** The states the ticket must be in for the change to apply. */
  from: readonly TicketStatus[];
  /** A further condition on the ticket (the solution still being the one that aged). */
  where?: SQL;
  set?: Partial<Pick<TicketRow, 'status' | 'solution' | 'solutionProposedAt' | 'closedAt'>> & {
    /** The desk's first answer: `firstResponse(now)` keeps an earlier one. */
    firstRespondedAt?: SQL;
  };
  events: NewEvent[];
  /** Further writes of the same change (an attachment row), each given the guard to use. */
  extra?: (guard: SQL) => BatchItem[];
}

/**
 * The writes of a change, to send as one batch (first the guarded update, whose
 * `rowsAffected` is 1 when it applied), and the guard that holds once it has applied: for
 * further writes and reads of the same batch.
 */
export function ticketChangeWrites(
  db: Database,
  ticketId: string,
  actor: Actor,
  change: TicketChange,
  at: Date,
): { writes: [BatchItem, ...BatchItem[]]; applied: SQL } {
  const revision = randomId();
  const applied = sql`exists (select 1 from ${tickets} where ${tickets.id} = ${ticketId} and ${tickets.revision} = ${revision})`;
  const update = db
    .update(tickets)
    .set({ ...change.set, updatedAt: at, revision })
    .where(and(eq(tickets.id, ticketId), inArray(tickets.status, [...change.from]), change.where));
  return {
    writes: [
      update,
      ...change.events.flatMap((event) => eventWrites(db, ticketId, actor, event, at, applied)),
      ...(change.extra?.(applied) ?? []),
    ],
    applied,
  };
}

/**
 * Applies a change to a ticket atomically. Returns false, having written nothing, when the
 * ticket was no longer in one of the `from` states.
 */
export async function ticketChange(
  db: Database,
  ticketId: string,
  actor: Actor,
  change: TicketChange,
  at: Date,
): Promise<boolean> {
  const { writes } = ticketChangeWrites(db, ticketId, actor, change, at);
  const [update] = await db.batch(writes);
  return update.rowsAffected === 1;
}

/** Sets when the desk first answered, unless it already had. */
export function firstResponse(at: Date): SQL {
  return sql`coalesce(${tickets.firstRespondedAt}, ${at.getTime()})`;
}

export function customerActor(customer: { id: string; name: string }): Actor {
  return { type: 'customer', id: customer.id, name: customer.name };
}
