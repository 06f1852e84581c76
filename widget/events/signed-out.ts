/**
 * @module
 * `support-portal-signed-out`: a partner single sign-on session ended on purpose, and the portal
 * shows its "Signed out" screen instead of a login screen.
 */

/** The detail of {@link SignedOutEvent}. */
export interface SignedOutDetail {
  /** `user`: the customer logged out (or the host called `logout()`); `token`: the host emptied
   * `token`. */
  reason: 'user' | 'token';
}

/**
 * A partner's user signed out. A host that wants to offer signing in again sets a fresh `token`.
 * Fired on `<support-portal>`; bubbles and is composed.
 */
export class SignedOutEvent extends CustomEvent<SignedOutDetail> {
  static readonly type = 'support-portal-signed-out';

  constructor(detail: SignedOutDetail) {
    super(SignedOutEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-signed-out': SignedOutEvent;
  }
}
