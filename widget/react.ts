/**
 * @module
 * `support-portal/react`: `<SupportPortal>`, the element as a React component (made with
 * `@lit/react`): attributes and properties as props, the portal's events as `onSupportPortal…`
 * props. Importing it registers `<support-portal>` too. For the plain element in JSX, the
 * `support-portal` intrinsic element is typed below.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { InformationAddedEvent } from './events/information-added.ts';
import type { LanguageChangeEvent } from './events/language-change.ts';
import type { LoginEvent } from './events/login.ts';
import type { LogoutEvent } from './events/logout.ts';
import type { PortalNavigateEvent } from './events/navigate.ts';
import type { ReadyEvent } from './events/ready.ts';
import type { SignedOutEvent } from './events/signed-out.ts';
import type { SolutionAcceptedEvent } from './events/solution-accepted.ts';
import type { SolutionRejectedEvent } from './events/solution-rejected.ts';
import type { TicketCreatedEvent } from './events/ticket-created.ts';
import { SupportPortal as SupportPortalElement } from './support-portal.ts';

/** The portal's events as React props; each name is `on` plus the event's name in camel case. */
const events = {
  onSupportPortalReady: 'support-portal-ready' as EventName<ReadyEvent>,
  onSupportPortalLogin: 'support-portal-login' as EventName<LoginEvent>,
  onSupportPortalLogout: 'support-portal-logout' as EventName<LogoutEvent>,
  onSupportPortalSignedOut: 'support-portal-signed-out' as EventName<SignedOutEvent>,
  onSupportPortalNavigate: 'support-portal-navigate' as EventName<PortalNavigateEvent>,
  onSupportPortalLanguageChange: 'support-portal-language-change' as EventName<LanguageChangeEvent>,
  onSupportPortalTicketCreated: 'support-portal-ticket-created' as EventName<TicketCreatedEvent>,
  onSupportPortalInformationAdded:
    'support-portal-information-added' as EventName<InformationAddedEvent>,
  onSupportPortalSolutionAccepted:
    'support-portal-solution-accepted' as EventName<SolutionAcceptedEvent>,
  onSupportPortalSolutionRejected:
    'support-portal-solution-rejected' as EventName<SolutionRejectedEvent>,
};

/** `<support-portal>` as a React component; a `ref` gives the element and its methods. */
export const SupportPortal = createComponent({
  tagName: 'support-portal',
  elementClass: SupportPortalElement,
  react: React,
  events,
  displayName: 'SupportPortal',
});

/** The plain element's attributes in JSX (`<support-portal api="…" />`), as strings. */
export interface SupportPortalAttributes
  extends React.HTMLAttributes<SupportPortalElement>, React.RefAttributes<SupportPortalElement> {
  api?: string;
  lang?: string;
  routing?: 'memory' | 'hash' | 'history';
  scheme?: 'auto' | 'light' | 'dark';
  'storage-key'?: string;
  token?: string;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'support-portal': SupportPortalAttributes;
    }
  }
}
