/**
 * @module
 * `support-portal-ticket-created`: the customer has registered a new ticket.
 */

/** The detail of {@link TicketCreatedEvent}. */
export interface TicketCreatedDetail {
  /** The new ticket's number. */
  number: number;
}

/**
 * The customer has registered a new ticket.
 * Bubbles and is composed, so the host page hears it on `<support-portal>`.
 */
export class TicketCreatedEvent extends CustomEvent<TicketCreatedDetail> {
  static readonly type = 'support-portal-ticket-created';

  constructor(detail: TicketCreatedDetail) {
    super(TicketCreatedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-ticket-created': TicketCreatedEvent;
  }
}
