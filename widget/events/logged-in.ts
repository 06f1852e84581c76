/**
 * @module
 * `sp-logged-in`: the login screen tells the root element who logged in. Internal to the widget;
 * the host page hears `support-portal-login` instead.
 */
import type { Customer } from '../../edge/contract/types.ts';

export class LoggedInEvent extends Event {
  static readonly type = 'sp-logged-in';

  constructor(readonly customer: Customer) {
    super(LoggedInEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-logged-in': LoggedInEvent;
  }
}
