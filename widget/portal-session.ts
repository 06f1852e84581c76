/**
 * @module
 * The session of one `<support-portal>`: its store (session.ts) and API client, the renewal of
 * the token while the customer is active (session-renewal.ts), and the word to the element when
 * the API refuses the token, so that it can ask for login and then come back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiClient } from './api/client.ts';
import { SessionRenewal } from './session-renewal.ts';
import { SessionStore } from './session.ts';

export class PortalSession implements ReactiveController {
  /** Where the instance keeps its token and screen; null until `open`. */
  store: SessionStore | null = null;
  client: ApiClient | null = null;
  private renewal: SessionRenewal | null = null;
  private renewing = false;

  /** @param onExpired Called when the API refuses the token: it lapsed or was revoked. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onExpired: () => void,
  ) {
    host.addController(this);
  }

  /** Opens the instance's session: a token saved earlier in this tab is used at once. */
  open(api: string, instance: string): ApiClient {
    this.store = new SessionStore(instance);
    this.client = new ApiClient(api, this.store);
    this.client.onUnauthenticated = this.onExpired;
    this.renewal = new SessionRenewal(this.host, this.client);
    return this.client;
  }

  /** Renews the token from now on, whenever it is about to expire and the customer is active. */
  startRenewal(): void {
    this.renewing = true;
    this.renewal?.start();
  }

  /** A login brought a new token: its renewal is planned from its expiry. */
  scheduleRenewal(): void {
    this.renewal?.schedule();
  }

  /** Taken off the page and put back (a page moving it, a framework re-rendering it). */
  hostConnected(): void {
    if (this.renewing) this.renewal?.start();
  }

  hostDisconnected(): void {
    this.renewal?.stop();
  }
}
