/**
 * @module
 * `support-portal-solution-accepted`: the customer has accepted a proposed solution, which closed the ticket.
 */

/** The detail of {@link SolutionAcceptedEvent}. */
export interface SolutionAcceptedDetail {
  /** The ticket's number. */
  number: number;
}

/**
 * The customer has accepted a proposed solution, which closed the ticket.
 * Bubbles and is composed, so the host page hears it on `<support-portal>`.
 */
export class SolutionAcceptedEvent extends CustomEvent<SolutionAcceptedDetail> {
  static readonly type = 'support-portal-solution-accepted';

  constructor(detail: SolutionAcceptedDetail) {
    super(SolutionAcceptedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-solution-accepted': SolutionAcceptedEvent;
  }
}
