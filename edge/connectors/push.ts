/**
 * @module
 * Portal → ticket tool: each queued timeline event becomes what the tool knows it as. A new
 * ticket is created in the queue of its category; a customer's message (and its file) becomes a
 * reply; accepting a solution solves the tool's ticket, rejecting one reopens it with the reason.
 * An attempt that may have happened before (a crash, a timeout) first looks for its marker in the
 * tool, so nothing is created or sent twice.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Urgency } from '../../contract/domain.ts';
import type { AppConfig } from '../config.ts';
import {
  attachments,
  connectorDeliveries,
  connectorTickets,
  customers,
  ticketColleagues,
  ticketEvents,
  tickets,
  type ConnectorDeliveryRow,
} from '../db/schema.ts';
import { categoryIndex, categoryPath, type CategoryIndex } from '../domain/categories.ts';
import {
  PermanentConnectorError,
  type AttachmentStore,
  type ConnectorFile,
  type Database,
  type Ports,
  type TicketConnector,
} from '../ports.ts';
import { claim, dueDeliveries, markDelivered, markFailed } from './outbox.ts';
import { LANGUAGES } from '../../contract/domain.ts';

/** Deliveries sent at once (each to a different ticket); RT answers each in tens of ms. */
const PARALLEL = 4;
/** Deliveries per run at most, so a run ends (Workers' cron) and the pull gets its turn. */
const RUN_LIMIT = 400;

async function readFile(store: AttachmentStore, row: typeof attachments.$inferSelect) {
  const object = await store.get(row.storageKey);
  if (!object) throw new Error(`attachment ${row.id} is missing from the store`);
  const bytes = new Uint8Array(await new Response(object.body).arrayBuffer());
  return { name: row.name, contentType: row.contentType, bytes } satisfies ConnectorFile;
}

/** The queue of a category: its own mapping, else the nearest mapped category above it. */
export function queueOf(config: AppConfig, index: CategoryIndex, categoryId: string): string {
  const mapping = config.RT_QUEUES;
  for (let id: string | null = categoryId; id; id = index.byId.get(id)?.parentId ?? null) {
    if (mapping[id]) return mapping[id];
    for (const language of LANGUAGES) {
      const path = categoryPath(index, id, language).join('/');
      if (mapping[path]) return mapping[path];
    }
  }
  return config.RT_DEFAULT_QUEUE;
}

export function priorityOf(config: AppConfig, urgency: Urgency): number {
  return config.RT_PRIORITIES[urgency];
}

/** "Ana García <ana@example.com>": who wrote a message, as agents read it in the tool. */
function author(name: string | null, email: string | null): string {
  return email ? `${name ?? ''} <${email}>`.trim() : (name ?? '');
}

interface Context {
  ports: Ports;
  connector: TicketConnector;
  now: Date;
}

async function externalIdOf(db: Database, ticketId: string): Promise<string | null> {
  const [row] = await db
    .select({ externalId: connectorTickets.externalId })
    .from(connectorTickets)
    .where(eq(connectorTickets.ticketId, ticketId));
  return row?.externalId ?? null;
}

async function createInTool(
  { ports, connector, now }: Context,
  delivery: ConnectorDeliveryRow,
  uncertain: boolean,
) {
  const { db, store, config } = ports;
  const marker = delivery.ticketId;
  let externalId = uncertain ? await connector.findTicket(marker) : null;
  if (!externalId) {
    const [ticket] = await db
      .select({ ticket: tickets, email: customers.email })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(tickets.id, delivery.ticketId));
    if (!ticket) throw new PermanentConnectorError('the ticket no longer exists');
    const { ticket: row } = ticket;
    const [index, cc, files, followed] = await Promise.all([
      categoryIndex(db),
      db
        .select({ email: customers.email })
        .from(ticketColleagues)
        .innerJoin(customers, eq(customers.id, ticketColleagues.customerId))
        .where(eq(ticketColleagues.ticketId, row.id)),
      db
        .select()
        .from(attachments)
        .where(and(eq(attachments.ticketId, row.id), eq(attachments.createdAt, row.createdAt)))
        .orderBy(asc(attachments.createdAt)),
      row.followUpOf === null
        ? Promise.resolve([])
        : db
            .select({ externalId: connectorTickets.externalId })
            .from(tickets)
            .innerJoin(connectorTickets, eq(connectorTickets.ticketId, tickets.id))
            .where(eq(tickets.number, row.followUpOf)),
    ]);
    externalId = await connector.createTicket({
      marker,
      queue: queueOf(config, index, row.categoryId),
      subject: row.title,
      requestor: ticket.email,
      cc: cc.map((colleague) => colleague.email),
      priority: priorityOf(config, row.urgency),
      content: row.description,
      files: await Promise.all(files.map((file) => readFile(store, file))),
      refersTo: followed[0]?.externalId ?? undefined,
    });
  }
  // The files made with the ticket went with it: their own deliveries are done too.
  const sentFiles = sql`(select ${attachments.id} from ${attachments} join ${tickets}
    on ${tickets.id} = ${attachments.ticketId} and ${tickets.createdAt} = ${attachments.createdAt}
    where ${attachments.ticketId} = ${delivery.ticketId})`;
  await db.batch([
    db
      .update(connectorTickets)
      .set({ externalId })
      .where(eq(connectorTickets.ticketId, delivery.ticketId)),
    db
      .update(connectorDeliveries)
      .set({ status: 'delivered', deliveredAt: now })
      .where(
        and(
          eq(connectorDeliveries.ticketId, delivery.ticketId),
          eq(connectorDeliveries.kind, 'attachment_added'),
          eq(connectorDeliveries.status, 'pending'),
          inArray(
            connectorDeliveries.eventId,
            db
              .select({ id: ticketEvents.id })
              .from(ticketEvents)
              .where(
                and(
                  eq(ticketEvents.ticketId, delivery.ticketId),
                  sql`${ticketEvents.attachmentId} in ${sentFiles}`,
                ),
              ),
          ),
        ),
      ),
  ]);
}

async function sendMessage(
  { ports, connector }: Context,
  delivery: ConnectorDeliveryRow,
  externalId: string,
  uncertain: boolean,
) {
  const { db, store } = ports;
  const [event] = await db
    .select({ event: ticketEvents, email: customers.email })
    .from(ticketEvents)
    .leftJoin(customers, eq(customers.id, ticketEvents.actorId))
    .where(eq(ticketEvents.id, delivery.eventId));
  if (!event) throw new PermanentConnectorError('the event no longer exists');
  const [file] = event.event.attachmentId
    ? await db.select().from(attachments).where(eq(attachments.id, event.event.attachmentId))
    : [];
  if (uncertain && (await connector.hasMessage(externalId, delivery.eventId))) return;
  const who = author(event.event.actorName, event.email);
  const text =
    delivery.kind === 'solution_rejected'
      ? `${who} rejected the solution:\n\n${event.event.text ?? ''}`
      : delivery.kind === 'attachment_added'
        ? `${who} attached ${file?.name ?? 'a file'}.`
        : `${who}:\n\n${event.event.text ?? ''}`;
  await connector.addMessage(externalId, {
    marker: delivery.eventId,
    text,
    files: file ? [await readFile(store, file)] : [],
  });
}

async function deliver(context: Context, delivery: ConnectorDeliveryRow) {
  const { ports, connector } = context;
  const uncertain = delivery.attempts > 0 || delivery.lastError !== null;
  if (delivery.kind === 'created') return createInTool(context, delivery, uncertain);
  const externalId = await externalIdOf(ports.db, delivery.ticketId);
  if (!externalId) throw new PermanentConnectorError('the ticket was never created in the tool');
  switch (delivery.kind) {
    case 'solution_accepted':
    case 'solution_auto_accepted':
      return connector.setStatus(externalId, 'solved');
    case 'solution_rejected':
      await sendMessage(context, delivery, externalId, uncertain);
      return connector.setStatus(externalId, 'open');
    default:
      return sendMessage(context, delivery, externalId, uncertain);
  }
}

export interface PushReport {
  delivered: number;
  failed: number;
  dead: number;
}

/** One attempt at one delivery, claimed first; its outcome recorded. */
async function attempt(context: Context, delivery: ConnectorDeliveryRow, report: PushReport) {
  const { db, config } = context.ports;
  if (!(await claim(db, delivery, context.now, config.RT_BACKOFF_SECONDS))) return;
  try {
    await deliver(context, delivery);
    await markDelivered(db, delivery.seq, context.ports.clock.now());
    report.delivered++;
  } catch (error) {
    const permanent = error instanceof PermanentConnectorError;
    const dead = permanent || delivery.attempts + 1 >= config.RT_MAX_ATTEMPTS;
    await markFailed(db, delivery.seq, String((error as Error).message ?? error), dead);
    report[dead ? 'dead' : 'failed']++;
  }
}

/** Sends what is due, ticket by ticket in order, until nothing is due or the run's limit. */
export async function pushToTool(ports: Ports, connector: TicketConnector): Promise<PushReport> {
  const report: PushReport = { delivered: 0, failed: 0, dead: 0 };
  let sent = 0;
  while (sent < RUN_LIMIT) {
    const now = ports.clock.now();
    const due = await dueDeliveries(ports.db, now, PARALLEL * 8);
    if (due.length === 0) break;
    const before = report.delivered;
    for (let start = 0; start < due.length; start += PARALLEL) {
      await Promise.all(
        due
          .slice(start, start + PARALLEL)
          .map((delivery) => attempt({ ports, connector, now }, delivery, report)),
      );
    }
    sent += due.length;
    // Only failures this round: what is left is waiting for its retry.
    if (report.delivered === before) break;
  }
  return report;
}
