/**
 * @module
 * `support-portal-ready`: the portal's first screen is shown and usable.
 */

/** The detail of {@link ReadyEvent}. */
export interface ReadyDetail {
  /** The first screen: `login`, `home`, or the one restored or asked for. */
  screen: string;
}

/**
 * The first screen has rendered: from now on `open()` and `prefill()` act at once. Fired once
 * per element on `<support-portal>`; bubbles and is composed.
 */
export class ReadyEvent extends CustomEvent<ReadyDetail> {
  static readonly type = 'support-portal-ready';

  constructor(detail: ReadyDetail) {
    super(ReadyEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-ready': ReadyEvent;
  }
}
