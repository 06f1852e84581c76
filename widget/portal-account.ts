/**
 * @module
 * Who is logged in to one `<support-portal>`, and every way in and out: the customer of a session
 * saved in this tab, a login, partner single sign-on (the host's token exchanged for a session;
 * "Sign in again" after signing out), a logout and a session the API refused. Each change is
 * announced with the element's events and leads to the screen that follows it. The language
 * changes here too: a customer's choice is saved in their profile.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Language } from '../contract/domain.ts';
import type { Customer } from '../contract/types.ts';
import { ApiRequestError } from './api/client.ts';
import { LanguageChangeEvent } from './events/language-change.ts';
import type { LoggedInEvent } from './events/logged-in.ts';
import { LoginEvent } from './events/login.ts';
import { LogoutEvent } from './events/logout.ts';
import type { ProfileChangedEvent } from './events/profile-changed.ts';
import { SignedOutEvent } from './events/signed-out.ts';
import { errorMessage } from './i18n/errors.ts';
import { prepareDateFormats } from './i18n/labels.ts';
import { useLanguage } from './i18n/localization.ts';
import type { PortalRouter } from './portal-router.ts';
import type { PortalSession } from './portal-session.ts';

/** What the element says once a change is done, in the language active at each render. */
type Notice = () => string;

interface AccountOptions {
  session: PortalSession;
  router: PortalRouter;
  /** Names the instance: its drafts are removed on logout. */
  instance: () => string;
  /** The partner's token the host gave, or ''. */
  token: () => string;
  notify: (notice: Notice | null) => void;
  /** The session ended: what belonged to it (the host's prefill) goes with it. */
  onLogout: () => void;
}

export class PortalAccount {
  private current: Customer | null = null;
  private exchanging = false;
  /** Signed out by the customer (not the host): a fresh token from the host waits for their click. */
  private signedOutByCustomer = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: AccountOptions,
  ) {}

  /** The customer logged in, or null. */
  get customer(): Customer | null {
    return this.current;
  }

  set customer(customer: Customer | null) {
    if (customer === this.current) return;
    this.current = customer;
    this.host.requestUpdate();
  }

  /** While a partner token is exchanged from the "Signed out" screen. */
  get signingIn(): boolean {
    return this.exchanging;
  }

  private set signingIn(signingIn: boolean) {
    if (signingIn === this.exchanging) return;
    this.exchanging = signingIn;
    this.host.requestUpdate();
  }

  /**
   * The start: the customer of a session saved in this tab, else partner sign-on when the host
   * gave a token. Returns why that token was refused, for the first screen.
   */
  async resume(): Promise<Notice | null> {
    const client = this.options.session.client!;
    if (client.loggedIn) {
      try {
        this.customer = await client.me();
        await useLanguage(this.customer.language);
        prepareDateFormats();
      } catch {
        this.customer = null;
      }
    }
    return this.options.token() && !this.customer ? this.signInWithPartner() : null;
  }

  async loggedIn(customer: Customer): Promise<void> {
    const known = this.customer?.id === customer.id;
    this.customer = customer;
    this.options.session.scheduleRenewal();
    await useLanguage(customer.language);
    if (!known) this.host.dispatchEvent(new LoginEvent({ customer }));
  }

  /** The login screen logged a customer in (`sp-logged-in`). */
  readonly handleLoggedIn = async (event: LoggedInEvent) => {
    event.stopPropagation();
    await this.loggedIn(event.customer);
    this.options.router.showAfterLogin();
    this.options.notify(event.notice);
  };

  /** A screen or the account menu saved the customer's profile (`sp-profile-changed`). */
  readonly handleProfileChanged = (event: ProfileChangedEvent) => {
    event.stopPropagation();
    this.customer = event.customer;
  };

  /** "Sign in again" on the "Signed out" screen (`sp-sign-in-again`). */
  readonly handleSignInAgain = (event: Event) => {
    event.stopPropagation();
    if (this.options.token()) void this.signInAgain();
  };

  /** The language menu's choice. */
  readonly chooseLanguage = (language: Language) => void this.changeLanguage(language, true);

  /** Speaks another language from now on; `save`: the customer chose it, for their profile. */
  async changeLanguage(language: Language, save: boolean): Promise<void> {
    await useLanguage(language);
    this.host.dispatchEvent(new LanguageChangeEvent({ language }));
    this.host.requestUpdate();
    const { client } = this.options.session;
    if (!save || !this.customer || !client) return;
    try {
      this.customer = await client.updateLanguage(language);
    } catch (error) {
      this.options.notify(() => errorMessage(error));
    }
  }

  /**
   * Ends the session on the API and forgets it here. After partner sign-on, the "Signed out"
   * screen (and `support-portal-signed-out`); else the login screen.
   */
  async logout(reason: 'user' | 'token'): Promise<void> {
    const { session, router } = this.options;
    const customer = this.customer;
    const partner = session.store?.read('partner') !== null;
    await session.client?.logout();
    // Drafts are private: a logout leaves none of them on the device. A chunk the screens share.
    if (customer) {
      const { clearDrafts, draftScope } = await import('./screens/draft.ts');
      await clearDrafts(draftScope(this.options.instance(), customer.id));
    }
    this.customer = null;
    this.options.onLogout();
    this.signedOutByCustomer = reason === 'user';
    session.store?.clear();
    this.host.dispatchEvent(new LogoutEvent({ reason: 'user' }));
    if (partner) {
      router.show({ screen: 'signed-out' }, 'push');
      this.host.dispatchEvent(new SignedOutEvent({ reason }));
    } else {
      router.showLogin();
    }
  }

  /** The host gave a new token, or emptied it. */
  tokenChanged(): void {
    // After the customer signs out, the host hands over a fresh token (partner tokens are
    // single use) and the customer decides when to use it, with "Sign in again".
    if (this.options.token() && !this.signedOutByCustomer) void this.signInAgain();
    else if (this.customer && this.options.session.store?.read('partner'))
      void this.logout('token');
  }

  /** A new token from the host, or "Sign in again": exchanged, then home. */
  async signInAgain(): Promise<void> {
    const { router, notify } = this.options;
    this.signedOutByCustomer = false;
    this.signingIn = true;
    const refused = await this.signInWithPartner();
    this.signingIn = false;
    if (refused && router.route?.screen === 'signed-out') {
      notify(refused);
      return;
    }
    router.show({ screen: 'home' }, 'replace');
    if (refused) notify(refused);
  }

  /** The API refused the token (it lapsed or was revoked): login, then back. */
  expired(): void {
    if (!this.customer) return;
    this.customer = null;
    this.host.dispatchEvent(new LogoutEvent({ reason: 'expired' }));
    this.options.router.showAgain();
    this.options.notify(() => errorMessage(new ApiRequestError(401, 'unauthenticated')));
  }

  /**
   * Exchanges the partner's token for a session. A refused one leaves the login screen: then
   * the notice saying why, for the screen shown next.
   */
  private async signInWithPartner(): Promise<Notice | null> {
    const { session } = this.options;
    try {
      const customer = await session.client!.partnerSession(this.options.token());
      session.store?.write('partner', '1');
      await this.loggedIn(customer);
      return null;
    } catch (error) {
      // Claims the API refused are the partner's integration, not a field the customer can fix:
      // told as any refused token is.
      const refusal =
        error instanceof ApiRequestError && error.code === 'validation_failed'
          ? new ApiRequestError(401, 'unauthenticated')
          : error;
      return () => errorMessage(refusal);
    }
  }
}
