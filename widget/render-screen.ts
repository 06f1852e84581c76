/**
 * @module
 * Which element shows which route, with the properties every screen receives. The screens of the
 * new-ticket flow and the ticket actions are imported here as well, so the root element stays a
 * shell.
 */
import { html, type TemplateResult } from 'lit';
import type { Customer, PublicConfig } from '../edge/contract/types.ts';
import type { ApiClient } from './api/client.ts';
import type { Route } from './navigation.ts';
import './screens/add-information-screen.ts';
import './screens/change-password-screen.ts';
import './screens/contact-block.ts';
import './screens/forgot-password-screen.ts';
import './screens/home-screen.ts';
import './screens/login-screen.ts';
import './screens/new-ticket-screen.ts';
import './screens/set-password-screen.ts';
import './screens/solution-screen.ts';
import './screens/ticket-created-screen.ts';
import './screens/ticket-details-screen.ts';
import './screens/ticket-list-screen.ts';

export interface ScreenContext {
  client: ApiClient;
  config: PublicConfig | null;
  customer: Customer | null;
  /** Whether the host page put its own contact block in the `contact` slot. */
  customContact: boolean;
}

export function renderScreen(route: Route, c: ScreenContext): TemplateResult {
  switch (route.screen) {
    case 'login':
      return html`<sp-login-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
      ></sp-login-screen>`;
    case 'forgot-password':
      return html`<sp-forgot-password-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
      ></sp-forgot-password-screen>`;
    case 'set-password':
      return html`<sp-set-password-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .token=${route.token}
      ></sp-set-password-screen>`;
    case 'home':
      return html`<sp-home-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
      ></sp-home-screen>`;
    case 'tickets':
      return html`<sp-ticket-list-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .state=${route.state}
      ></sp-ticket-list-screen>`;
    case 'ticket':
      return html`<sp-ticket-details-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .number=${route.number}
      ></sp-ticket-details-screen>`;
    case 'change-password':
      return html`<sp-change-password-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
      ></sp-change-password-screen>`;
    case 'contact':
      return html`<sp-contact-block .contact=${c.config?.contact ?? null} ?custom=${c.customContact}
        ><slot name="contact"></slot
      ></sp-contact-block>`;
    case 'new-ticket':
      return html`<sp-new-ticket-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
      ></sp-new-ticket-screen>`;
    case 'ticket-created':
      return html`<sp-ticket-created-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .number=${route.number}
      ></sp-ticket-created-screen>`;
    case 'add-information':
      return html`<sp-add-information-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .number=${route.number}
      ></sp-add-information-screen>`;
    case 'solution':
      return html`<sp-solution-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .number=${route.number}
      ></sp-solution-screen>`;
  }
}
