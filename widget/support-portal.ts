/**
 * @module
 * `<support-portal>`: the whole customer support portal in one element. Importing this module
 * registers it (once per page, however many copies of the script are loaded). Which screen it
 * shows is decided in portal-router.ts; its session is kept and renewed in portal-session.ts;
 * who is logged in, and every way in and out, is portal-account.ts; its header and footer,
 * portal-frame.ts.
 */
import { localized } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicConfig } from '../contract/types.ts';
import { defineElement } from './define.ts';
import type { LanguageChangeEvent } from './events/language-change.ts';
import type { LoginEvent } from './events/login.ts';
import type { LogoutEvent } from './events/logout.ts';
import type { PortalNavigateEvent } from './events/navigate.ts';
import { ReadyEvent } from './events/ready.ts';
import {
  cleanPrefill,
  hostRoute,
  type HostScreen,
  type OpenParams,
  type TicketPrefill,
} from './host-api.ts';
import { errorMessage } from './i18n/errors.ts';
import { currentLanguage, pickLanguage, useLanguage } from './i18n/localization.ts';
import { PortalAccount } from './portal-account.ts';
import { renderFooter, renderHeader, renderLoading } from './portal-frame.ts';
import { PortalRouter, type RoutingMode } from './portal-router.ts';
import { PortalSession } from './portal-session.ts';
import { preloadScreens, renderScreen } from './render-screen.ts';
import { theme } from './styles/theme.ts';
import { portalStyles } from './support-portal.styles.ts';

/**
 * @tagname support-portal
 * @summary The customer support portal: login, tickets, new ticket, details, contact, in six
 * languages, talking to the portal's edge API.
 *
 * Languages: before login the `lang` attribute decides, else the browser's language, else
 * Spanish; after login the customer's profile language, which the language menu changes and
 * saves. The active language is shared by every `<support-portal>` of the same script on a page
 * (the localization library keeps one per page).
 *
 * Sessions: the bearer token is kept in memory and in `sessionStorage` (never a cookie) under a
 * key of this instance's own (`storage-key`, else `api` and `id`), so a reload within the tab
 * keeps the customer logged in on the same screen, and two instances with different keys are
 * independent. The short-lived token is renewed before it expires while the customer is active
 * in the portal; once it has lapsed, the next action asks for login and then comes back.
 *
 * Drafts: what a customer types or chooses in the new-ticket form (the file included) and in
 * a ticket's reply box is kept in the browser (`localStorage`, the file in IndexedDB) per
 * instance (the same key) and customer until it is sent, across reloads and an expired session;
 * logging out removes that customer's drafts of this instance.
 *
 * Theming: colours come in pairs, `--sp-color-x` for the light scheme and `--sp-color-x-dark`
 * for the dark one (`scheme="dark"`, or `auto` while the system prefers dark). Besides its own
 * parts, the portal exports those of the elements inside its screens as `<element>-<part>`
 * (widget/parts.ts), e.g. `support-portal::part(file-picker-button)`.
 *
 * @attr api - The API's base URL, e.g. `https://support-api.example.com`; empty for this page's
 * own origin. Read when the element connects.
 * @attr lang - The language before login: es, pt, en, fr, it or ca.
 * @attr routing - `memory` (default): the host page's URL never changes. `hash`: screens are
 * recorded as `#sp/...` in the URL, so the back button and links work. `history`: screens are
 * recorded as history entries with the same URL, so the back button works without touching it.
 * @attr scheme - `auto` (default, follows the system's dark or light preference), `light` or
 * `dark`.
 * @attr storage-key - Keeps this instance's saved session and drafts apart from other
 * instances' (without it: `api` and the element's `id`).
 * @attr token - Partner single sign-on: a short-lived JWT signed by a partner intranet for its
 * logged-in user (its key or JWKS configured on the API). The portal exchanges it for a session
 * and opens logged in, never showing the login screen; a refused token shows the login screen.
 * Read when the element connects (unless a saved session of this tab is still valid) and each
 * time the attribute or property changes; emptied, it signs the partner's user out (the "Signed
 * out" screen, never a login screen, whose "Sign in again" uses the token the page gives then).
 *
 * @fires {LoginEvent} support-portal-login - A customer logged in; `detail: { customer:
 * Customer }`.
 * @fires {LogoutEvent} support-portal-logout - The session ended; `detail: { reason: 'user' |
 * 'expired' }`.
 * @fires {PortalNavigateEvent} support-portal-navigate - Another screen is shown; `detail: {
 * screen: string; path: string }`.
 * @fires {LanguageChangeEvent} support-portal-language-change - The language changed; `detail:
 * { language: string }`.
 * @fires {TicketCreatedEvent} support-portal-ticket-created - A ticket was registered; `detail:
 * { number: number }`.
 * @fires {InformationAddedEvent} support-portal-information-added - Information was added to a
 * ticket; `detail: { number: number }`.
 * @fires {SolutionAcceptedEvent} support-portal-solution-accepted - A solution was accepted and
 * the ticket closed; `detail: { number: number }`.
 * @fires {SolutionRejectedEvent} support-portal-solution-rejected - A solution was rejected;
 * `detail: { number: number }`.
 * @fires {ReadyEvent} support-portal-ready - The first screen is shown and usable (once);
 * `detail: { screen: string }`.
 * @fires {SignedOutEvent} support-portal-signed-out - A partner single sign-on session ended
 * (the customer logged out, the host called `logout()` or emptied `token`) and the "Signed
 * out" screen is shown; `detail: { reason: 'user' | 'token' }`.
 *
 * @slot contact - The company's contact block, replacing the one from the API's configuration.
 *
 * @csspart base - The portal's outer box.
 * @csspart header - The bar with the title, the language menu and the customer's name.
 * @csspart title - The portal's title.
 * @csspart language - The language menu.
 * @csspart main - The area where screens are shown.
 * @csspart footer - The bar with the contact link (not shown on the contact screen).
 * @csspart account-menu-toggle - The header's button with the customer's name.
 * @csspart account-menu-panel - The account panel it opens.
 * @csspart new-ticket-category-menu - The new-ticket screen's guided category menu (step 1).
 * @csspart new-ticket-help - The chosen category's guidance, above the new-ticket form.
 * @csspart new-ticket-form - The new-ticket form (step 2).
 * @csspart category-menu-base - The wrapper of the whole category menu.
 * @csspart category-menu-filter - The category filter box and its label.
 * @csspart category-menu-breadcrumbs - The path back up the category tree.
 * @csspart category-menu-help - The guidance of the open branch, above its list.
 * @csspart category-menu-list - The list of categories or of search results.
 * @csspart category-menu-option - Each category or result in that list.
 * @csspart category-menu-no-match - What to do when the filter matches no category.
 * @csspart colleague-picker-toggle - The button that opens and closes the list of colleagues.
 * @csspart colleague-picker-refusal - Why the choice of colleagues was refused.
 * @csspart colleague-picker-list - The fieldset of colleagues' checkboxes.
 * @csspart file-picker-base - A file picker's drop zone (new ticket, reply, attach a file).
 * @csspart file-picker-button - The button that opens the browser's file dialog.
 * @csspart file-picker-file - The chosen file's name, size and remove button.
 * @csspart file-picker-error - The message about a refused file.
 * @csspart upload-progress-base - An upload's progress, its wrapper.
 * @csspart upload-progress-bar - The `<progress>` bar.
 * @csspart ticket-thread-message - One message of a ticket's conversation.
 * @csspart ticket-thread-status-line - A status change between messages.
 * @csspart ticket-reply-box-form - The reply form under a ticket's conversation.
 * @csspart attach-file-base - The "attach a file" block of a ticket's details.
 * @csspart attach-file-cancel - The button that cancels the upload under way.
 * @csspart solution-solution - The proposed solution.
 * @csspart solution-accept - The button that accepts it.
 * @csspart solution-reject-form - The reason field and the reject button.
 * @csspart ticket-created-summary - The list of what was registered.
 * @csspart ticket-created-actions - The buttons that lead on from the summary.
 *
 * @cssproperty --sp-color-primary - Buttons, links and focus (default #0b57d0).
 * @cssproperty --sp-color-primary-dark - Buttons, links and focus in the dark scheme (default
 * #a8c7fa).
 * @cssproperty --sp-color-on-primary - Text on primary buttons.
 * @cssproperty --sp-color-on-primary-dark - Text on primary buttons in the dark scheme.
 * @cssproperty --sp-color-text - Body text.
 * @cssproperty --sp-color-text-dark - Body text in the dark scheme.
 * @cssproperty --sp-color-muted - Secondary text.
 * @cssproperty --sp-color-muted-dark - Secondary text in the dark scheme.
 * @cssproperty --sp-color-background - The portal's background.
 * @cssproperty --sp-color-background-dark - The portal's background in the dark scheme.
 * @cssproperty --sp-color-surface - Cards, header, hovered buttons.
 * @cssproperty --sp-color-surface-dark - Cards, header, hovered buttons in the dark scheme.
 * @cssproperty --sp-color-border - Field and card borders.
 * @cssproperty --sp-color-border-dark - Field and card borders in the dark scheme.
 * @cssproperty --sp-color-danger - Errors.
 * @cssproperty --sp-color-danger-dark - Errors in the dark scheme.
 * @cssproperty --sp-color-success - Confirmations.
 * @cssproperty --sp-color-success-dark - Confirmations in the dark scheme.
 * @cssproperty --sp-color-focus - The focus ring.
 * @cssproperty --sp-color-focus-dark - The focus ring in the dark scheme.
 * @cssproperty --sp-status-new-color - The "New" badge's text and icon (keep 4.5:1 on its
 * background).
 * @cssproperty --sp-status-new-color-dark - The same in the dark scheme.
 * @cssproperty --sp-status-new-background - The "New" badge's background.
 * @cssproperty --sp-status-new-background-dark - The same in the dark scheme.
 * @cssproperty --sp-status-in-progress-color - The "In progress" badge's text and icon (keep 4.5:1 on its
 * background).
 * @cssproperty --sp-status-in-progress-color-dark - The same in the dark scheme.
 * @cssproperty --sp-status-in-progress-background - The "In progress" badge's background.
 * @cssproperty --sp-status-in-progress-background-dark - The same in the dark scheme.
 * @cssproperty --sp-status-waiting-color - The "Waiting for your reply" badge's text and icon (keep 4.5:1 on its
 * background).
 * @cssproperty --sp-status-waiting-color-dark - The same in the dark scheme.
 * @cssproperty --sp-status-waiting-background - The "Waiting for your reply" badge's background.
 * @cssproperty --sp-status-waiting-background-dark - The same in the dark scheme.
 * @cssproperty --sp-status-resolved-color - The "Solution proposed" badge's text and icon (keep 4.5:1 on its
 * background).
 * @cssproperty --sp-status-resolved-color-dark - The same in the dark scheme.
 * @cssproperty --sp-status-resolved-background - The "Solution proposed" badge's background.
 * @cssproperty --sp-status-resolved-background-dark - The same in the dark scheme.
 * @cssproperty --sp-status-closed-color - The "Closed" badge's text and icon (keep 4.5:1 on its
 * background).
 * @cssproperty --sp-status-closed-color-dark - The same in the dark scheme.
 * @cssproperty --sp-status-closed-background - The "Closed" badge's background.
 * @cssproperty --sp-status-closed-background-dark - The same in the dark scheme.
 * @cssproperty --sp-font-family - The portal's font.
 * @cssproperty --sp-font-size - The base font size (default `medium`: the reader's preferred size,
 * which the host page's root font size does not change).
 * @cssproperty --sp-radius - Corner radius of buttons, fields and cards.
 * @cssproperty --sp-space - The base spacing unit.
 * @cssproperty --sp-max-width - The widest the portal's content grows.
 * @cssproperty --sp-progress-height - The height of an upload's progress bar (default 0.75rem).
 */
@localized()
export class SupportPortal extends LitElement {
  static override styles = [theme, portalStyles];

  /** The API's base URL; empty for this page's own origin. Read when the element connects. */
  @property() api = '';

  /** The language before login: es, pt, en, fr, it or ca. */
  @property() override lang = '';

  /** Whether screens are recorded in the browser's history: memory, hash or history. */
  @property() routing: RoutingMode = 'memory';

  /** The colour scheme: auto (the system's preference), light or dark. */
  @property({ reflect: true }) scheme: 'auto' | 'light' | 'dark' = 'auto';

  /** Keeps this instance's saved session and drafts apart from other instances'. */
  @property({ attribute: 'storage-key' }) storageKey = '';

  /** A partner's signed token for single sign-on; exchanged for a session, never shown. */
  @property() token = '';

  /**
   * A small JSON object the host page sets (plan, page URL...): stored with each new ticket and
   * shown to the desk. At most 2 KB as JSON, 20 keys, values strings, numbers, booleans or null;
   * the API refuses anything else (`validation_failed`).
   */
  @property({ attribute: false }) context: Record<string, unknown> | null = null;

  @state() private config: PublicConfig | null = null;
  /**
   * What the last screen change brought to say ("Password changed", an error), or null. A
   * function, so that it is said in the language active at each render; the next screen change
   * ends it (see the router's `onChange`).
   */
  @state() private notice: (() => string) | null = null;
  /** What `prefill()` asked the new-ticket form to hold, until a ticket is created. */
  @state() private ticketPrefill: TicketPrefill | null = null;

  /** The start, once: reconnecting the element (a framework moving it) does not repeat it. */
  private starting: Promise<void> | null = null;
  private readonly session = new PortalSession(this, () => this.account.expired());
  private readonly router: PortalRouter = new PortalRouter(this, {
    instance: () => this.instanceKey,
    store: () => this.session.store,
    loggedIn: () => this.account.customer !== null,
    onChange: () => (this.notice = null),
    onLoadError: (error) => (this.notice = () => errorMessage(error)),
  });
  private readonly account: PortalAccount = new PortalAccount(this, {
    session: this.session,
    router: this.router,
    instance: () => this.instanceKey,
    token: () => this.token,
    notify: (notice) => (this.notice = notice),
    onLogout: () => (this.ticketPrefill = null),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Frameworks set properties right after connecting the element (React through @lit/react
    // in a layout effect): `api` and `token` are read once the current task's work is done.
    this.starting ??= Promise.resolve().then(() => this.start());
  }

  protected override updated(changed: PropertyValues<this>): void {
    const started = this.router.route !== null;
    const { customer } = this.account;
    if (changed.has('lang') && changed.get('lang') !== undefined && started && !customer) {
      void this.account.changeLanguage(pickLanguage([this.lang]), false);
    }
    if (changed.has('token') && changed.get('token') !== undefined && started) {
      this.account.tokenChanged();
    }
  }

  override render() {
    const { route } = this.router;
    const { client } = this.session;
    const { customer, signingIn } = this.account;
    if (!route || !client) return renderLoading();
    return html`
      <div class="portal" part="base" lang=${currentLanguage()}>
        ${renderHeader({
          client,
          customer,
          onNavigate: this.router.handleNavigate,
          onProfileChanged: this.account.handleProfileChanged,
          onHome: this.showHome,
          onLanguage: this.account.chooseLanguage,
          logout: this.logoutFromMenu,
        })}
        <div class="notice" role="status">
          ${this.notice ? html`<p>${this.notice()}</p>` : nothing}
        </div>
        <div
          class="main"
          part="main"
          @sp-navigate=${this.router.handleNavigate}
          @sp-logged-in=${this.account.handleLoggedIn}
          @sp-profile-changed=${this.account.handleProfileChanged}
          @sp-sign-in-again=${this.account.handleSignInAgain}
          @support-portal-ticket-created=${this.handleTicketCreated}
        >
          ${renderScreen(route, {
            client,
            config: this.config,
            customer,
            customContact: this.querySelector(':scope > [slot="contact"]') !== null,
            instance: this.instanceKey,
            prefill: this.ticketPrefill,
            context: this.context,
            canSignIn: this.token !== '',
            signingIn,
          })}
        </div>
        ${renderFooter(route, this.showContact)}
      </div>
    `;
  }

  private async start(): Promise<void> {
    const client = this.session.open(this.api, this.instanceKey);
    await useLanguage(pickLanguage([this.lang, ...navigator.languages]));
    client
      .config()
      .then((config) => (this.config = config))
      .catch((error) => (this.notice = () => errorMessage(error)));
    // The remembered screen's chunk loads while the customer's data is on its way.
    if (client.loggedIn) this.router.preloadSaved();
    const refused = await this.account.resume();
    this.session.startRenewal();
    this.router.start();
    if (refused) this.notice = refused;
    await this.updateComplete;
    await this.router.rendered();
    this.dispatchEvent(new ReadyEvent({ screen: this.router.route!.screen }));
    preloadScreens();
  }

  /**
   * Shows a screen, as if the customer had gone there: `home`, `new-ticket`, `tickets` (`{ state:
   * 'open' | 'closed' }`), `ticket` (`{ number }`) or `contact`. Before login, the login screen
   * comes first and the screen follows it. Throws a TypeError for an unknown screen.
   * @param screen - The screen's name.
   * @param params - `state` for `tickets`, `number` for `ticket`.
   */
  open(screen: HostScreen, params: OpenParams = {}): void {
    const route = hostRoute(screen, params);
    void this.starting?.then(() => this.router.show(route, 'push'));
  }

  /**
   * Fills in the new-ticket form (`category`: a leaf's id, `urgency`: low, medium, high or
   * critical, `description`) and opens it; the customer can still change every field. The
   * values win over a saved draft and hold until a ticket is created.
   * @param values - The fields to fill in; unknown ones are ignored.
   */
  prefill(values: TicketPrefill): void {
    this.ticketPrefill = cleanPrefill(values);
    this.open('new-ticket');
  }

  /**
   * Logs the customer out: ends the session on the API, removes this instance's saved session
   * and drafts, and shows the login screen (the "Signed out" screen after partner sign-on).
   */
  async logout(): Promise<void> {
    await this.starting;
    if (this.account.customer) await this.account.logout('user');
  }

  /** Names this instance's saved session and history entries. */
  private get instanceKey(): string {
    return this.storageKey || `${this.api}|${this.id}`;
  }

  private readonly logoutFromMenu = () => void this.account.logout('user');

  private readonly handleTicketCreated = () => (this.ticketPrefill = null);

  private readonly showHome = () => this.router.show({ screen: 'home' }, 'push');

  private readonly showContact = () => this.router.show({ screen: 'contact' }, 'push');
}

defineElement('support-portal', SupportPortal);

export type { LanguageChangeEvent, LoginEvent, LogoutEvent, PortalNavigateEvent };
export type { InformationAddedEvent } from './events/information-added.ts';
export type { ReadyEvent } from './events/ready.ts';
export type { SignedOutEvent } from './events/signed-out.ts';
export type { HostScreen, OpenParams, TicketPrefill } from './host-api.ts';
export type { SolutionAcceptedEvent } from './events/solution-accepted.ts';
export type { SolutionRejectedEvent } from './events/solution-rejected.ts';
export type { TicketCreatedEvent } from './events/ticket-created.ts';

declare global {
  interface HTMLElementTagNameMap {
    'support-portal': SupportPortal;
  }
}
