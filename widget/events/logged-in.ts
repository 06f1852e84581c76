/**
 * @module
 * `sp-logged-in`: the login screen tells the root element who logged in. Internal to the widget;
 * the host page hears `support-portal-login` instead.
 */
import type { Customer } from '../../contract/types.ts';

export class LoggedInEvent extends Event {
  static readonly type = 'sp-logged-in';

  /**
   * @param customer Who logged in.
   * @param notice What the root shows once it has moved on, e.g. "Password changed": a
   * function giving it in the language active when it is shown.
   */
  constructor(
    readonly customer: Customer,
    readonly notice: (() => string) | null = null,
  ) {
    super(LoggedInEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-logged-in': LoggedInEvent;
  }
}
