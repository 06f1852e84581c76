/**
 * @module
 * Reading tickets as their owner sees them. A ticket that is not the caller's does not exist:
 * the same `not_found` whether it belongs to someone else or to no one.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Language } from '../contract/domain.ts';
import type { TicketDetails, TicketSummary } from '../contract/types.ts';
import { attachments, ticketEvents, tickets, type TicketRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';
import { categoryPath, type CategoryIndex } from './categories.ts';

export async function findOwnTicket(
  db: Database,
  customerId: string,
  number: number,
): Promise<TicketRow> {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.number, number), eq(tickets.customerId, customerId)))
    .limit(1);
  if (!ticket) throw new ApiError('not_found');
  return ticket;
}

/** The columns a ticket summary is made of: a list reads these and nothing else. */
export const summaryColumns = {
  number: tickets.number,
  categoryId: tickets.categoryId,
  urgency: tickets.urgency,
  status: tickets.status,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  closedAt: tickets.closedAt,
};

export type SummaryRow = Pick<TicketRow, keyof typeof summaryColumns>;

export function toSummary(
  ticket: SummaryRow,
  index: CategoryIndex,
  language: Language,
): TicketSummary {
  const path = categoryPath(index, ticket.categoryId, language);
  return {
    number: ticket.number,
    category: { id: ticket.categoryId, label: path.at(-1) ?? '', path },
    urgency: ticket.urgency,
    status: ticket.status,
    solutionPending: ticket.status === 'resolved',
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    closedAt: ticket.closedAt?.toISOString() ?? null,
  };
}

export async function toDetails(
  db: Database,
  ticket: TicketRow,
  index: CategoryIndex,
  language: Language,
): Promise<TicketDetails> {
  const [events, files] = await Promise.all([
    db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id))
      .orderBy(asc(ticketEvents.seq)),
    db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, ticket.id))
      .orderBy(asc(attachments.createdAt)),
  ]);
  return {
    ...toSummary(ticket, index, language),
    description: ticket.description,
    additions: events
      .filter((event) => event.kind === 'information_added')
      .map((event) => ({
        text: event.text ?? '',
        at: event.createdAt.toISOString(),
        author: event.actorName,
      })),
    solution: ticket.solution,
    solutionProposedAt: ticket.solutionProposedAt?.toISOString() ?? null,
    timeline: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      at: event.createdAt.toISOString(),
      actor: { type: event.actorType, name: event.actorName },
      text: event.text,
      status: event.status,
      attachmentId: event.attachmentId,
    })),
    attachments: files.map((file) => ({
      id: file.id,
      name: file.name,
      size: file.size,
      contentType: file.contentType,
      createdAt: file.createdAt.toISOString(),
    })),
  };
}
