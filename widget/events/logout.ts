/**
 * @module
 * `support-portal-logout`: the customer has logged out, or their session has ended.
 */

/** The detail of {@link LogoutEvent}. */
export interface LogoutDetail {
  /** `user` when the customer chose to log out, `expired` when the API refused the session. */
  reason: 'user' | 'expired';
}

/** The customer's session ended. Fired on `<support-portal>`; bubbles and is composed. */
export class LogoutEvent extends CustomEvent<LogoutDetail> {
  static readonly type = 'support-portal-logout';

  constructor(detail: LogoutDetail) {
    super(LogoutEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-logout': LogoutEvent;
  }
}
