/**
 * @module
 * A ticket's conversation, built from its timeline: the description first, then every message
 * (additions, files, desk comments, the solution, a rejection's reason) and status lines, oldest
 * first. A file sent together with a message (the description's file, a reply with a file) is
 * written as its own `attachment_added` event at the same moment by the same person, and joins
 * that message here. Desk internal notes never reach the portal, so they cannot appear.
 */
import type { ActorType, EventKind } from '../../contract/domain.ts';
import type { AttachmentInfo, ThreadItem, ThreadSide } from '../../contract/types.ts';
import type { ticketEvents } from '../db/schema.ts';

type EventRow = typeof ticketEvents.$inferSelect;
type Message = Extract<ThreadItem, { type: 'message' }>;

const MESSAGE_KINDS: Partial<Record<EventKind, Message['kind']>> = {
  created: 'description',
  information_added: 'addition',
  attachment_added: 'file',
  public_comment: 'comment',
  solution_proposed: 'solution',
  solution_rejected: 'rejection',
};

/** Events that change the status show a status line; the creation's `new` needs none. */
const STATUS_LINE_KINDS: readonly EventKind[] = [
  'status_changed',
  'solution_proposed',
  'solution_accepted',
  'solution_rejected',
  'solution_auto_accepted',
  'customer_replied',
];

const sideOf = (actor: ActorType): ThreadSide => actor;

export function buildThread(
  events: EventRow[],
  description: string,
  files: Map<string, AttachmentInfo>,
): ThreadItem[] {
  const thread: ThreadItem[] = [];
  let last: { message: Message; event: EventRow } | null = null;
  for (const event of events) {
    const kind = MESSAGE_KINDS[event.kind];
    const file = event.attachmentId ? (files.get(event.attachmentId) ?? null) : null;
    if (kind === 'file' && last && joinsMessage(last, event) && file) {
      last.message.file = file;
      continue;
    }
    if (kind) {
      const message: Message = {
        type: 'message',
        id: event.id,
        kind,
        side: sideOf(event.actorType),
        author: event.actorName,
        at: event.createdAt.toISOString(),
        text: kind === 'description' ? description : kind === 'file' ? null : event.text,
        file,
      };
      thread.push(message);
      last = { message, event };
    }
    if (STATUS_LINE_KINDS.includes(event.kind) && event.status) {
      thread.push({
        type: 'status',
        id: `${event.id}.status`,
        side: sideOf(event.actorType),
        author: event.actorName,
        at: event.createdAt.toISOString(),
        status: event.status,
      });
    }
  }
  return thread;
}

/** A file sent by the same person at the same moment as the message before it, which has none. */
function joinsMessage(last: { message: Message; event: EventRow }, event: EventRow): boolean {
  return (
    last.message.file === null &&
    last.message.kind !== 'file' &&
    last.event.actorId === event.actorId &&
    last.event.createdAt.getTime() === event.createdAt.getTime()
  );
}
