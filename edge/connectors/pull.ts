/**
 * @module
 * Ticket tool → portal: the tool's tickets changed since the last poll, and each one's changes
 * after the last one applied. An agent's reply becomes a public desk comment (with its files),
 * e-mailed and unread as any desk comment; status moves follow; internal notes and the
 * connector's own changes are skipped. Each change is applied as a desk action whose event id is
 * made from the change's id, so applying it twice fails on the unique id instead of doubling it.
 */
import { eq, sql } from 'drizzle-orm';
import type { TicketStatus } from '../../contract/domain.ts';
import { connectorTickets, tickets } from '../db/schema.ts';
import { applyDeskAction, type DeskAction } from '../domain/desk-actions.ts';
import { storeUpload, type StoredUpload } from '../domain/uploads.ts';
import type { Actor } from '../domain/event-types.ts';
import { ApiError } from '../errors.ts';
import type { ConnectorFile, ExternalChange, Ports, TicketConnector } from '../ports.ts';
import { readState, writeState } from './outbox.ts';

const POLL_CURSOR = 'pull:cursor';

export interface PullReport {
  tickets: number;
  applied: number;
  skipped: number;
}

/** The portal's move for a status of the tool, or null for none. */
function statusAction(change: ExternalChange): DeskAction | 'solution' | null {
  switch (change.status) {
    case 'solved':
      return 'solution';
    case 'closed':
      return { action: 'status', status: 'closed' };
    case 'open':
      // From resolved too: the agent took the solution back.
      return { action: 'reopen' };
    case 'waiting':
      return { action: 'status', status: 'waiting_for_customer' satisfies TicketStatus };
    default:
      return null;
  }
}

/** A file of the agent's into the store, checked as a customer's upload is; null if refused. */
async function storeFile(
  ports: Ports,
  file: ConnectorFile,
  ticketId: string,
  at: Date,
): Promise<StoredUpload | null> {
  try {
    return await storeUpload(
      ports.store,
      ports.config,
      { filename: file.name, body: new Blob([file.bytes as BlobPart]).stream() },
      { ticketId, uploadedBy: 'desk', at },
    );
  } catch (error) {
    if (error instanceof ApiError) {
      console.warn(`ticket tool file "${file.name}" not taken: ${error.code}`);
      return null;
    }
    throw error;
  }
}

function isDuplicate(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (/UNIQUE constraint failed: ticket_events\.id/.test(cause.message)) return true;
  }
  return false;
}

/**
 * Applies one desk action for a change, with its event id (and its files, after the first one
 * each as its own desk comment). False when the ticket's state refused it or it was applied.
 */
async function applyChange(
  ports: Ports,
  ticket: { id: string; number: number },
  eventId: string,
  action: DeskAction,
  actor: Actor,
  files: ConnectorFile[] = [],
): Promise<boolean> {
  const now = ports.clock.now();
  const links = { portalUrl: ports.config.PORTAL_URL, tokenSecret: ports.config.TOKEN_SECRET };
  const stored = (
    await Promise.all(files.map((file) => storeFile(ports, file, ticket.id, now)))
  ).filter((file) => file !== null);
  const steps: { id: string; action: DeskAction; attachment?: StoredUpload }[] = [
    { id: eventId, action, attachment: stored[0] },
    ...stored.slice(1).map((attachment, index) => ({
      id: `${eventId}-${index + 1}`,
      action: { action: 'comment' as const, text: attachment.name },
      attachment,
    })),
  ];
  let applied = false;
  for (const step of steps) {
    try {
      await applyDeskAction(ports.db, ticket.number, actor, step.action, now, links, {
        eventId: step.id,
        attachment: step.attachment,
      });
      applied = true;
    } catch (error) {
      if (step.attachment) await ports.store.delete(step.attachment.storageKey);
      if (isDuplicate(error)) continue;
      if (error instanceof ApiError && error.code === 'wrong_state') return applied;
      throw error;
    }
  }
  return applied;
}

async function pullTicket(
  ports: Ports,
  connector: TicketConnector,
  externalId: string,
  report: PullReport,
) {
  const { db } = ports;
  const [row] = await db
    .select({
      ticketId: tickets.id,
      number: tickets.number,
      lastChange: connectorTickets.lastChange,
    })
    .from(connectorTickets)
    .innerJoin(tickets, eq(tickets.id, connectorTickets.ticketId))
    .where(eq(connectorTickets.externalId, externalId));
  // A ticket of the tool that did not come from this portal is left alone.
  if (!row) return;
  report.tickets++;
  const ticket = { id: row.ticketId, number: row.number };
  for (const change of await connector.changes(externalId, row.lastChange)) {
    const eventId = `${connector.name}-${externalId}-${change.id}`;
    const actor: Actor = { type: 'desk', id: null, name: change.author };
    let applied = false;
    if (!change.byConnector && change.type === 'reply') {
      const action: DeskAction = { action: 'comment', text: change.text ?? '' };
      applied = await applyChange(ports, ticket, eventId, action, actor, await change.files!());
    } else if (!change.byConnector && change.type === 'status') {
      const move = statusAction(change);
      if (move === 'solution') {
        const solution = (await connector.solutionText(externalId)) ?? '';
        applied = await applyChange(
          ports,
          ticket,
          eventId,
          { action: 'solution', solution },
          actor,
        );
      } else if (move) {
        applied = await applyChange(ports, ticket, eventId, move, actor);
      }
    }
    report[applied ? 'applied' : 'skipped']++;
    await db
      .update(connectorTickets)
      .set({ lastChange: sql`max(${connectorTickets.lastChange}, ${change.id})` })
      .where(eq(connectorTickets.ticketId, ticket.id));
  }
}

/** One poll: every changed ticket's new changes applied, then the cursor moved on. */
export async function pullFromTool(ports: Ports, connector: TicketConnector): Promise<PullReport> {
  const report: PullReport = { tickets: 0, applied: 0, skipped: 0 };
  const { tickets: changed, cursor } = await connector.changedTickets(
    await readState(ports.db, POLL_CURSOR),
  );
  for (const ticket of changed) await pullTicket(ports, connector, ticket.externalId, report);
  await writeState(ports.db, POLL_CURSOR, cursor);
  return report;
}
