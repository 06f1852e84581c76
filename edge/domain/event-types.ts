/**
 * @module
 * Who did something to a ticket, and what: the shapes the timeline and the webhook outbox share
 * (kept apart from `events.ts` so the outbox does not import the module that imports it).
 */
import type { ActorType, EventKind, RatingSource, TicketStatus } from '../../contract/domain.ts';

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string | null;
}

export interface NewEvent {
  /** Made here when left out; `eventWrites` sets it to share it with the webhook. */
  id?: string;
  kind: EventKind;
  text?: string | null;
  status?: TicketStatus | null;
  attachmentId?: string | null;
  /** A rating's score and source, for the desk's webhook (the comment is `text`). */
  rating?: { score: number; source: RatingSource };
}
