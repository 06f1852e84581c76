/**
 * @module
 * Renews the access token shortly before it expires, but only while the customer is active in
 * the portal: an idle tab lets its token lapse, and the next action then asks for login and
 * comes back (the root's handling of a refused token). Activity is any key, pointer or focus
 * event inside the element.
 */
import type { ApiClient } from './api/client.ts';
import { ApiRequestError } from './api/client.ts';

/** Renew this long before expiry (or halfway through, for shorter remaining times). */
const MARGIN_MS = 60_000;
/** After a failure that is not a refusal (network), try again this much later. */
const RETRY_MS = 15_000;
const ACTIVITY = ['keydown', 'pointerdown', 'focusin'] as const;

export class SessionRenewal {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private activeSince = false;
  /** The renewal came due while the customer was idle: the next activity renews at once. */
  private due = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly client: ApiClient,
  ) {}

  /** Starts watching activity and schedules the next renewal from the token's expiry. */
  start(): void {
    for (const type of ACTIVITY) this.host.addEventListener(type, this.handleActivity);
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const type of ACTIVITY) this.host.removeEventListener(type, this.handleActivity);
  }

  /** Plans the renewal of the current token (called again after each login or renewal). */
  schedule(): void {
    clearTimeout(this.timer);
    this.due = false;
    this.activeSince = false;
    const expiresAt = this.client.expiresAt;
    if (!expiresAt) return;
    const remaining = Date.parse(expiresAt) - Date.now();
    if (remaining <= 0) return;
    const delay = Math.max(0, remaining - Math.min(MARGIN_MS, remaining / 2));
    this.timer = setTimeout(() => this.handleDue(), delay);
  }

  private handleDue(): void {
    if (this.activeSince) void this.renew();
    else this.due = true;
  }

  private async renew(): Promise<void> {
    this.due = false;
    if (!this.client.loggedIn) return;
    try {
      await this.client.refreshSession();
      this.schedule();
    } catch (error) {
      // A refusal already went to the root (login, then back); anything else is retried.
      if (error instanceof ApiRequestError && error.code === 'network') {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.renew(), RETRY_MS);
      }
    }
  }

  private readonly handleActivity = () => {
    this.activeSince = true;
    if (this.due) void this.renew();
  };
}
