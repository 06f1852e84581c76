/**
 * @module
 * `sp-ticket-updated`: an action changed a ticket, and here it is as the API now returns it.
 * Internal to the widget: the screen that shows the ticket replaces its copy.
 */
import type { TicketDetails } from '../../contract/types.ts';

/** The detail of {@link TicketUpdatedEvent}. */
export interface TicketUpdatedDetail {
  /** The ticket after the change. */
  ticket: TicketDetails;
}

/** A ticket changed. Bubbles, but stays inside the widget. */
export class TicketUpdatedEvent extends CustomEvent<TicketUpdatedDetail> {
  static readonly type = 'sp-ticket-updated';

  constructor(detail: TicketUpdatedDetail) {
    super(TicketUpdatedEvent.type, { detail, bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-ticket-updated': TicketUpdatedEvent;
  }
}
