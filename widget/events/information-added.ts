/**
 * @module
 * `support-portal-information-added`: the customer has added information to a ticket's description.
 */

/** The detail of {@link InformationAddedEvent}. */
export interface InformationAddedDetail {
  /** The ticket's number. */
  number: number;
}

/**
 * The customer has added information to a ticket's description.
 * Bubbles and is composed, so the host page hears it on `<support-portal>`.
 */
export class InformationAddedEvent extends CustomEvent<InformationAddedDetail> {
  static readonly type = 'support-portal-information-added';

  constructor(detail: InformationAddedDetail) {
    super(InformationAddedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-information-added': InformationAddedEvent;
  }
}
