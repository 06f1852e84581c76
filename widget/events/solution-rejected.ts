/**
 * @module
 * `support-portal-solution-rejected`: the customer has rejected a proposed solution; the ticket is back with the service desk.
 */

/** The detail of {@link SolutionRejectedEvent}. */
export interface SolutionRejectedDetail {
  /** The ticket's number. */
  number: number;
}

/**
 * The customer has rejected a proposed solution; the ticket is back with the service desk.
 * Bubbles and is composed, so the host page hears it on `<support-portal>`.
 */
export class SolutionRejectedEvent extends CustomEvent<SolutionRejectedDetail> {
  static readonly type = 'support-portal-solution-rejected';

  constructor(detail: SolutionRejectedDetail) {
    super(SolutionRejectedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-solution-rejected': SolutionRejectedEvent;
  }
}
