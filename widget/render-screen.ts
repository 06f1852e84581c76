/**
 * @module
 * Which element shows which route, with the properties every screen receives. Only the screens
 * a start can show at once (login, home) are in the initial bundle; every other one is a chunk
 * of its own, loaded the first time it is shown or while the browser is idle after the start,
 * so the portal parses, evaluates and weighs less before its first screen.
 */
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { Customer, PublicConfig } from '../contract/types.ts';
import type { ApiClient } from './api/client.ts';
import type { TicketPrefill } from './host-api.ts';
import { loadAllMessages } from './i18n/localization.ts';
import type { Route, Screen } from './navigation.ts';
import { exportParts } from './parts.ts';
import './screens/home-screen.ts';
import './screens/login-screen.ts';

/** Explicit imports, so the bundler emits one chunk per screen (shared parts in their own). */
const LAZY_SCREENS: Partial<Record<Screen, () => Promise<unknown>>> = {
  'forgot-password': () => import('./screens/forgot-password-screen.ts'),
  'set-password': () => import('./screens/set-password-screen.ts'),
  rate: () => import('./screens/rate-link-screen.ts'),
  tickets: () => import('./screens/ticket-list-screen.ts'),
  ticket: () => import('./screens/ticket-details-screen.ts'),
  'change-password': () => import('./screens/change-password-screen.ts'),
  contact: () => import('./screens/contact-block.ts'),
  'new-ticket': () => import('./screens/new-ticket-screen.ts'),
  'ticket-created': () => import('./screens/ticket-created-screen.ts'),
  solution: () => import('./screens/solution-screen.ts'),
  'signed-out': () => import('./screens/signed-out-screen.ts'),
};

/** The parts the screens hold, renamed for the host inside them (parts.ts), forwarded here. */
const NEW_TICKET_PARTS = exportParts('new-ticket', [
  'category-menu',
  'colleague-picker',
  'file-picker',
  'upload-progress',
]);
const TICKET_DETAILS_PARTS = exportParts(null, [
  'ticket-thread',
  'ticket-reply-box',
  'attach-file',
  'file-picker',
  'upload-progress',
  'colleague-picker',
]);

const loading = new Map<Screen, Promise<void>>();
const loaded = new Set<Screen>();

export function isScreenLoaded(screen: Screen): boolean {
  return !LAZY_SCREENS[screen] || loaded.has(screen);
}

/** Loads a screen's element once; a failed load (network) is tried again next time. */
export function loadScreen(screen: Screen): Promise<void> {
  const load = LAZY_SCREENS[screen];
  if (!load || loaded.has(screen)) return Promise.resolve();
  let promise = loading.get(screen);
  if (!promise) {
    // Its element, and the active language's messages of the screens loaded later.
    promise = Promise.all([load(), loadAllMessages()]).then(
      () => void loaded.add(screen),
      (error: unknown) => {
        loading.delete(screen);
        throw error;
      },
    );
    loading.set(screen, promise);
  }
  return promise;
}

/** Loads the other screens one at a time when the browser is idle, so navigating never waits. */
export function preloadScreens(): void {
  const whenIdle = (next: () => void) =>
    'requestIdleCallback' in window ? requestIdleCallback(next) : setTimeout(next, 200);
  const rest = (Object.keys(LAZY_SCREENS) as Screen[]).filter((screen) => !loaded.has(screen));
  const step = () => {
    const screen = rest.shift();
    if (screen) whenIdle(() => void loadScreen(screen).then(step, step));
  };
  step();
}

export interface ScreenContext {
  client: ApiClient;
  config: PublicConfig | null;
  customer: Customer | null;
  /** Whether the host page put its own contact block in the `contact` slot. */
  customContact: boolean;
  /** Names the portal instance: the screens with a form keep their drafts under it. */
  instance: string;
  /** What the host page asked the new-ticket form to hold (`prefill()`), or null. */
  prefill: TicketPrefill | null;
  /** The host page's context for new tickets (`context`), or null. */
  context: Record<string, unknown> | null;
  /** Whether the host page gives a partner token to sign in with again. */
  canSignIn: boolean;
  /** While the portal exchanges a partner token. */
  signingIn: boolean;
}

/** The route's screen, or a loading line while its chunk loads (see `loadScreen`). */
export function renderScreen(route: Route, c: ScreenContext): TemplateResult {
  if (!isScreenLoaded(route.screen)) {
    return html`<p class="loading" aria-busy="true">
      ${msg('Cargando…', { id: 'portal.loading' })}
    </p>`;
  }
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
    case 'rate':
      return html`<sp-rate-link-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .token=${route.token}
        .score=${route.score}
      ></sp-rate-link-screen>`;
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
        .instance=${c.instance}
        .state=${route.state}
        .filter=${route.filter ?? 'all'}
      ></sp-ticket-list-screen>`;
    case 'ticket':
      return html`<sp-ticket-details-screen
        exportparts=${TICKET_DETAILS_PARTS}
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .instance=${c.instance}
        .number=${route.number}
        ?reply=${route.reply ?? false}
      ></sp-ticket-details-screen>`;
    case 'change-password':
      return html`<sp-change-password-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
      ></sp-change-password-screen>`;
    case 'contact':
      return html`<sp-contact-block
        .contact=${c.config?.contact ?? null}
        .customer=${c.customer}
        ?custom=${c.customContact}
        ><slot name="contact"></slot
      ></sp-contact-block>`;
    case 'new-ticket':
      return html`<sp-new-ticket-screen
        exportparts=${NEW_TICKET_PARTS}
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .instance=${c.instance}
        .followUpOf=${route.followUpOf ?? null}
        .prefill=${c.prefill}
        .context=${c.context}
      ></sp-new-ticket-screen>`;
    case 'ticket-created':
      return html`<sp-ticket-created-screen
        exportparts=${exportParts('ticket-created')}
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .number=${route.number}
      ></sp-ticket-created-screen>`;
    case 'solution':
      return html`<sp-solution-screen
        exportparts=${exportParts('solution')}
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .number=${route.number}
      ></sp-solution-screen>`;
    case 'signed-out':
      return html`<sp-signed-out-screen
        .client=${c.client}
        .config=${c.config}
        .customer=${c.customer}
        .canSignIn=${c.canSignIn}
        .busy=${c.signingIn}
      ></sp-signed-out-screen>`;
  }
}
