/**
 * @module
 * The webhooks the desk hears: which timeline events fire one, under which type, the headers a
 * delivery carries and the body it sends. Receivers verify `Portal-Signature` (see README).
 */
import type {
  ActorType,
  EventKind,
  RatingSource,
  TicketStatus,
  TicketType,
  Urgency,
} from './domain.ts';

/** Customer-visible timeline events that the desk is told about, and their webhook types. */
export const WEBHOOK_EVENT_OF = {
  created: 'ticket.created',
  information_added: 'ticket.information_added',
  attachment_added: 'ticket.attachment_added',
  solution_accepted: 'ticket.solution_accepted',
  solution_rejected: 'ticket.solution_rejected',
  solution_auto_accepted: 'ticket.solution_auto_accepted',
  rated: 'ticket.rated',
  /** Text: the name of the colleague put in copy. */
  colleague_added: 'ticket.colleague_added',
  /** The customer answered a ticket `waiting_for_customer`; it is `in_progress` again. */
  customer_replied: 'ticket.customer_replied',
} as const satisfies Partial<Record<EventKind, string>>;

export type WebhookEventType = (typeof WEBHOOK_EVENT_OF)[keyof typeof WEBHOOK_EVENT_OF];
export const WEBHOOK_EVENTS = Object.values(WEBHOOK_EVENT_OF) as WebhookEventType[];

export function webhookEventOf(kind: EventKind): WebhookEventType | null {
  return (WEBHOOK_EVENT_OF as Partial<Record<EventKind, WebhookEventType>>)[kind] ?? null;
}

export const WEBHOOK_HEADERS = {
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
  signature: 'Portal-Signature',
  /** The timeline event's id: the same on every retry and for every endpoint. */
  eventId: 'Portal-Event-Id',
  /** This outbox row's id: one per event and endpoint, the same on every retry. */
  deliveryId: 'Portal-Delivery-Id',
  eventType: 'Portal-Event-Type',
} as const;

/** The JSON body of every webhook request. */
export interface WebhookPayload {
  /** The event id, as in `Portal-Event-Id`. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: {
    ticket: {
      number: number;
      title: string;
      status: TicketStatus;
      type: TicketType;
      urgency: Urgency;
      categoryId: string;
      /** The closed ticket this one follows up. */
      followUpOf: number | null;
      customer: { id: string; email: string; name: string; organization: string | null };
    };
    event: {
      kind: EventKind;
      actor: { type: ActorType; name: string | null };
      /** Added information, rejection reason, the attachment's file name or the colleague's name. */
      text: string | null;
      attachmentId: string | null;
    };
    /** With `ticket.rated`: the rating as given (or changed); the comment is also `event.text`. */
    rating?: { score: number; comment: string | null; source: RatingSource };
  };
}
