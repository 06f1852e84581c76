/**
 * @module
 * `sp-ticket-search`: the customer asked to search their tickets, or to stop searching.
 */

/** The detail of {@link TicketSearchEvent}. */
export interface TicketSearchDetail {
  /** What was typed, trimmed; empty to go back to the whole list. */
  query: string;
}

/**
 * Heard by the ticket list that holds the search box. It bubbles but is not composed: it stays
 * inside the list's shadow tree, the host page has nothing to do with it.
 */
export class TicketSearchEvent extends CustomEvent<TicketSearchDetail> {
  static readonly type = 'sp-ticket-search';

  constructor(detail: TicketSearchDetail) {
    super(TicketSearchEvent.type, { detail, bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-ticket-search': TicketSearchEvent;
  }
}
