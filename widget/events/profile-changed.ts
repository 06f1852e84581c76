/**
 * @module
 * `sp-profile-changed`: a screen saved the customer's profile (e.g. the notification choice) and
 * tells the root element, which keeps the customer every screen receives. Internal to the widget.
 */
import type { Customer } from '../../contract/types.ts';

export class ProfileChangedEvent extends Event {
  static readonly type = 'sp-profile-changed';

  constructor(readonly customer: Customer) {
    super(ProfileChangedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-profile-changed': ProfileChangedEvent;
  }
}
