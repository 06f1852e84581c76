/**
 * @module
 * `support-portal-login`: a customer has logged in to this `<support-portal>`.
 */
import type { Customer } from '../../contract/types.ts';

/** The detail of {@link LoginEvent}. */
export interface LoginDetail {
  /** Who logged in: id, e-mail, name, organization, language. */
  customer: Customer;
}

/** A customer has logged in. Fired on `<support-portal>`; bubbles and is composed. */
export class LoginEvent extends CustomEvent<LoginDetail> {
  static readonly type = 'support-portal-login';

  constructor(detail: LoginDetail) {
    super(LoginEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-login': LoginEvent;
  }
}
