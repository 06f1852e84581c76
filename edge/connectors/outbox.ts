/**
 * @module
 * The connector's outbox (`connector_deliveries`): filled from the timeline in order, so every
 * customer change the tool must hear about is queued once, even when the tool is down for hours;
 * claimed before each attempt; retried with a doubling delay; marked dead after too many attempts
 * or a permanent refusal, and then shown by `rt:deliveries` and the desk's delivery list.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { EventKind } from '../../contract/domain.ts';
import {
  connectorDeliveries,
  connectorState,
  connectorTickets,
  ticketEvents,
  type ConnectorDeliveryRow,
} from '../db/schema.ts';
import type { Database } from '../ports.ts';

/** The customer's (and the auto-accept job's) changes a ticket tool hears about. */
export const CONNECTOR_EVENT_KINDS = [
  'created',
  'information_added',
  'attachment_added',
  'solution_accepted',
  'solution_rejected',
  'solution_auto_accepted',
] as const satisfies EventKind[];

/** Timeline events queued per run at most; the rest come in the next. */
const ENQUEUE_BATCH = 1000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** The delay before attempt `attempts + 1`: the base, doubled per attempt, at most six hours. */
export function backoffMs(baseSeconds: number, attempts: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export async function readState(db: Database, key: string): Promise<string | null> {
  const [row] = await db.select().from(connectorState).where(eq(connectorState.key, key));
  return row?.value ?? null;
}

export function writeState(db: Database, key: string, value: string) {
  return db
    .insert(connectorState)
    .values({ key, value })
    .onConflictDoUpdate({ target: connectorState.key, set: { value } });
}

const EVENTS_CURSOR = 'push:events';

/**
 * Queues the timeline's new events for the tool, returning how many. The first run starts after
 * the last event: tickets made before the portal was connected stay out of the tool. Safe to run
 * twice at once: rows are keyed by event id and the cursor only moves forward.
 */
export async function enqueueEvents(db: Database, now: Date): Promise<number> {
  const [last] = await db
    .select({ seq: ticketEvents.seq })
    .from(ticketEvents)
    .orderBy(desc(ticketEvents.seq))
    .limit(1);
  const top = last?.seq ?? 0;
  const stored = await readState(db, EVENTS_CURSOR);
  if (stored === null) {
    await writeState(db, EVENTS_CURSOR, String(top));
    return 0;
  }
  const from = Number(stored);
  const to = Math.min(top, from + ENQUEUE_BATCH);
  if (to <= from) return 0;
  const range = sql`e.seq > ${from} and e.seq <= ${to}`;
  const kinds = sql.join(
    CONNECTOR_EVENT_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const [, queued] = await db.batch([
    db.run(sql`insert or ignore into ${connectorTickets} (ticket_id, last_change, created_at)
      select e.ticket_id, 0, ${now.getTime()} from ${ticketEvents} e
      where ${range} and e.kind = 'created' and e.actor_type = 'customer'`),
    db.run(sql`insert or ignore into ${connectorDeliveries}
        (event_id, ticket_id, kind, attempts, next_attempt_at, status, created_at)
      select e.id, e.ticket_id, e.kind, 0, ${now.getTime()}, 'pending', ${now.getTime()}
      from ${ticketEvents} e
      where ${range} and e.kind in (${kinds}) and e.actor_type in ('customer', 'system')
        and exists (select 1 from ${connectorTickets} c where c.ticket_id = e.ticket_id)
      order by e.seq`),
    db.run(sql`insert into ${connectorState} (key, value) values (${EVENTS_CURSOR}, ${String(to)})
      on conflict (key) do update set value = max(cast(value as integer), ${to})`),
  ]);
  return queued.rowsAffected;
}

/**
 * Deliveries due now, at most one per ticket (its oldest still pending): a ticket's messages
 * reach the tool in the order they were written.
 */
export function dueDeliveries(db: Database, now: Date, limit: number) {
  return db
    .select()
    .from(connectorDeliveries)
    .where(
      and(
        eq(connectorDeliveries.status, 'pending'),
        sql`${connectorDeliveries.nextAttemptAt} <= ${now.getTime()}`,
        sql`not exists (select 1 from ${connectorDeliveries} earlier
          where earlier.ticket_id = ${connectorDeliveries.ticketId}
            and earlier.status = 'pending' and earlier.seq < ${connectorDeliveries.seq})`,
      ),
    )
    .orderBy(asc(connectorDeliveries.seq))
    .limit(limit);
}

/**
 * Claims an attempt before it is made: raises `attempts` and moves the next attempt on, only if
 * no other run claimed it first. Returns false when another did.
 */
export async function claim(
  db: Database,
  delivery: ConnectorDeliveryRow,
  now: Date,
  backoffSeconds: number,
): Promise<boolean> {
  const attempts = delivery.attempts + 1;
  const result = await db
    .update(connectorDeliveries)
    .set({ attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(backoffSeconds, attempts)) })
    .where(
      and(
        eq(connectorDeliveries.seq, delivery.seq),
        eq(connectorDeliveries.attempts, delivery.attempts),
        eq(connectorDeliveries.status, 'pending'),
      ),
    );
  return result.rowsAffected === 1;
}

export function markDelivered(db: Database, seq: number, now: Date) {
  return db
    .update(connectorDeliveries)
    .set({ status: 'delivered', deliveredAt: now, lastError: null })
    .where(eq(connectorDeliveries.seq, seq));
}

/** Records a failed attempt; dead when it was permanent or the last one allowed. */
export function markFailed(db: Database, seq: number, error: string, dead: boolean) {
  return db
    .update(connectorDeliveries)
    .set({ lastError: error.slice(0, 1000), ...(dead && { status: 'dead' as const }) })
    .where(eq(connectorDeliveries.seq, seq));
}

/** The delivery list: newest first, optionally one status only. */
export function listConnectorDeliveries(
  db: Database,
  status?: ConnectorDeliveryRow['status'],
  limit = 100,
) {
  return db
    .select()
    .from(connectorDeliveries)
    .where(status ? eq(connectorDeliveries.status, status) : undefined)
    .orderBy(desc(connectorDeliveries.seq))
    .limit(limit);
}

/** Sends a dead delivery again from its next run on. */
export async function retryDelivery(db: Database, seq: number, now: Date): Promise<boolean> {
  const result = await db
    .update(connectorDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(connectorDeliveries.seq, seq), eq(connectorDeliveries.status, 'dead')));
  return result.rowsAffected === 1;
}
