/**
 * @module
 * The desk's changes to a ticket, shared by the desk API and the admin command: move its status,
 * propose a solution (which makes it `resolved`, awaiting the customer), add a public comment.
 * Each goes through `ticketChange`, so a move from a state that no longer holds is `wrong_state`
 * and writes nothing. A solution, a comment or a close e-mails the customer in the same batch.
 */
import { DESK_STATUS_FROM, SOLUTION_FROM } from '../../contract/desk-schemas.ts';
import { TICKET_STATUSES, type TicketStatus } from '../../contract/domain.ts';
import { guardedInsert } from '../db/guarded-insert.ts';
import { attachments, type TicketRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { ticketNotification, type MailLinks, type TicketNotice } from '../mail/notifications.ts';
import type { Database } from '../ports.ts';
import { findDeskTicket } from './desk-tickets.ts';
import type { Actor } from './event-types.ts';
import { firstResponse, ticketChange, type TicketChange } from './events.ts';
import type { StoredUpload } from './uploads.ts';

export type DeskAction =
  | { action: 'status'; status: TicketStatus }
  | { action: 'solution'; solution: string }
  | { action: 'comment'; text: string; awaitingCustomer?: boolean }
  /**
   * A ticket tool's agent reopened the ticket (edge/connectors/pull.ts): `in_progress` again,
   * from `new` or waiting, or from `resolved`, taking back the solution the customer has not
   * answered. Not in the desk API, where a solution stands until the customer answers it.
   */
  | { action: 'reopen' };

/** Statuses from which a comment asking the customer something makes the ticket wait. */
const ASK_FROM = ['new', 'in_progress'] as const satisfies TicketStatus[];

function plan(action: DeskAction, ticket: TicketRow, now: Date): TicketChange {
  switch (action.action) {
    case 'status': {
      const { status } = action;
      return {
        from: DESK_STATUS_FROM[status],
        set: status === 'closed' ? { status, closedAt: now } : { status },
        events: [{ kind: 'status_changed', status }],
      };
    }
    case 'solution':
      return {
        from: SOLUTION_FROM,
        set: {
          status: 'resolved',
          solution: action.solution,
          solutionProposedAt: now,
          firstRespondedAt: firstResponse(now),
        },
        events: [{ kind: 'solution_proposed', text: action.solution, status: 'resolved' }],
      };
    case 'reopen':
      if (ticket.status !== 'resolved')
        return plan({ action: 'status', status: 'in_progress' }, ticket, now);
      // Only while still resolved: an answer the customer gave meanwhile stands.
      return {
        from: ['resolved'],
        set: { status: 'in_progress', solution: null, solutionProposedAt: null },
        events: [{ kind: 'status_changed', status: 'in_progress' }],
      };
    case 'comment': {
      const comment = { kind: 'public_comment', text: action.text } as const;
      const answered = { firstRespondedAt: firstResponse(now) };
      if (!action.awaitingCustomer)
        return { from: TICKET_STATUSES, set: answered, events: [comment] };
      // Asked again while already waiting: still waiting, no new status line.
      if (ticket.status === 'waiting_for_customer') {
        return { from: ['waiting_for_customer'], set: answered, events: [comment] };
      }
      return {
        from: ASK_FROM,
        set: { ...answered, status: 'waiting_for_customer' },
        events: [comment, { kind: 'status_changed', status: 'waiting_for_customer' }],
      };
    }
  }
}

/** The customer's e-mail about this action, if it has one. */
function noticeOf(
  action: DeskAction,
): { notice: TicketNotice; text?: string; rating?: boolean } | null {
  if (action.action === 'solution')
    return { notice: 'ticket-solution-proposed', text: action.solution };
  if (action.action === 'comment') return { notice: 'ticket-comment', text: action.text };
  if (action.action === 'reopen') return null;
  return action.status === 'closed' ? { notice: 'ticket-closed', rating: true } : null;
}

/** What a connected ticket tool adds to a desk action (edge/connectors/pull.ts). */
export interface DeskActionSource {
  /** The event's id, made from the tool's change: applying the same change twice fails. */
  eventId: string;
  /** A file the agent sent with the message, already in the store. */
  attachment?: StoredUpload;
}

/**
 * Applies a desk action to the ticket with this number; throws `not_found` or `wrong_state`.
 * `links`: the page the e-mailed ticket link opens (config `PORTAL_URL`) and the secret that
 * signs the closing e-mail's rating links (`TOKEN_SECRET`).
 */
export async function applyDeskAction(
  db: Database,
  number: number,
  actor: Actor,
  action: DeskAction,
  now: Date,
  links: MailLinks = {},
  source?: DeskActionSource,
): Promise<TicketRow> {
  const { ticket } = await findDeskTicket(db, number);
  const change = plan(action, ticket, now);
  const notice = noticeOf(action);
  const writes: NonNullable<TicketChange['extra']>[] = [];
  if (notice) {
    const options = { ...links, at: now, text: notice.text, rating: notice.rating };
    writes.push(await ticketNotification(db, ticket.id, notice.notice, options));
  }
  if (source) {
    const [event] = change.events;
    event!.id = source.eventId;
    const { attachment } = source;
    if (attachment) {
      event!.attachmentId = attachment.id;
      writes.push((guard) => [guardedInsert(db, attachments, attachment, guard)]);
    }
  }
  change.extra = (guard) => writes.flatMap((write) => write(guard));
  const applied = change.from.length > 0 && (await ticketChange(db, ticket.id, actor, change, now));
  if (!applied) throw new ApiError('wrong_state');
  return ticket;
}
