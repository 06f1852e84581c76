/**
 * @module
 * Which screen `<support-portal>` shows: the first one (an e-mailed link, the URL or history
 * entry when `routing` records screens, the screen saved for a reload, else login or home), the
 * moves between screens, the browser's back and forward buttons, and focus on each new screen.
 */
import type { LitElement, ReactiveController } from 'lit';
import { PortalNavigateEvent } from './events/navigate.ts';
import {
  isMailedLink,
  isProtected,
  onlyFilterChanged,
  routeFromPath,
  routeToPath,
  type NavigateEvent,
  type Route,
} from './navigation.ts';
import { isScreenLoaded, loadScreen } from './render-screen.ts';
import type { SessionStore } from './session.ts';

/** The e-mailed set-password link opens the host page with this hash, whatever `routing` is. */
const HASH_PREFIX = '#sp/';

export type RoutingMode = 'memory' | 'hash' | 'history';

type HistoryWrite = 'push' | 'replace' | 'none';

interface RouterHost extends LitElement {
  readonly routing: RoutingMode;
}

interface RouterOptions {
  /** Names the instance: its history entries are its own. */
  instance: () => string;
  /** Where the current screen is saved for a reload; null until the portal has started. */
  store: () => SessionStore | null;
  /** Protected screens wait behind the login screen until this is true. */
  loggedIn: () => boolean;
  /** Another screen replaces the one shown (not the first one): its notice has had its turn. */
  onChange: () => void;
  /** A screen's chunk did not load (network). */
  onLoadError: (error: unknown) => void;
}

export class PortalRouter implements ReactiveController {
  /** The screen shown; null until the portal has started. */
  route: Route | null = null;
  /** The protected screen asked for before login, shown once the customer has logged in. */
  private returnTo: Route | null = null;
  /** The first screen takes no focus: the host page, not the widget, decides where focus starts. */
  private focusOnShow = false;

  constructor(
    private readonly host: RouterHost,
    private readonly options: RouterOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.handleHashChange);
    window.addEventListener('popstate', this.handlePopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.handleHashChange);
    window.removeEventListener('popstate', this.handlePopState);
  }

  /** The screen saved before a reload, if any. */
  private savedRoute(): Route | null {
    return routeFromPath(this.options.store()?.read('route') ?? '');
  }

  /** Loads the chunk of the screen saved before a reload, if any. */
  preloadSaved(): void {
    const saved = this.savedRoute();
    if (saved) loadScreen(saved.screen).catch(() => undefined);
  }

  /** Shows the first screen. */
  start(): void {
    this.show(this.initialRoute(), 'replace');
  }

  /**
   * Shows a screen. Protected screens wait behind the login screen; `record` says whether the
   * browser's history gets a new entry, has its current one replaced, or is left alone.
   */
  show(requested: Route, record: HistoryWrite): void {
    let route = requested;
    const loggedIn = this.options.loggedIn();
    if (isProtected(route) && !loggedIn) {
      this.returnTo = route;
      route = { screen: 'login' };
    } else if (route.screen === 'login' && loggedIn) {
      route = { screen: 'home' };
      // The address bar (`#sp/login` typed or followed) must say what is shown.
      if (record === 'none') record = 'replace';
    }
    const path = routeToPath(route);
    const sameScreen = onlyFilterChanged(this.route, route);
    if (this.route) this.options.onChange();
    this.route = route;
    this.host.requestUpdate();
    if (!isScreenLoaded(route.screen)) {
      loadScreen(route.screen).then(() => this.host.requestUpdate(), this.options.onLoadError);
    }
    if (!isMailedLink(route)) this.options.store()?.write('route', path);
    this.record(path, isMailedLink(route) ? 'none' : record);
    this.host.dispatchEvent(new PortalNavigateEvent({ screen: route.screen, path }));
    if (this.focusOnShow && !sameScreen) void this.focusScreen();
    this.focusOnShow = true;
  }

  /** After a login: the screen asked for before it, else home. */
  showAfterLogin(): void {
    const target = this.returnTo ?? { screen: 'home' };
    this.returnTo = null;
    this.show(target, 'replace');
  }

  /** After a logout: the login screen, and nothing to come back to after the next login. */
  showLogin(): void {
    this.returnTo = null;
    this.show({ screen: 'login' }, 'push');
  }

  /** Shows the current screen again after the session lapsed: a protected one asks for login. */
  showAgain(): void {
    if (this.route) this.show(this.route, 'replace');
  }

  private initialRoute(): Route {
    const fromHash = location.hash.startsWith(HASH_PREFIX)
      ? routeFromPath(location.hash.slice(HASH_PREFIX.length))
      : null;
    if (isMailedLink(fromHash)) {
      // The token must not linger in the address bar or the history.
      history.replaceState(history.state, '', location.pathname + location.search);
      return fromHash;
    }
    if (this.host.routing === 'hash' && fromHash) return fromHash;
    const fromHistory = this.host.routing === 'history' ? this.historyRoute(history.state) : null;
    if (fromHistory) return fromHistory;
    return (
      this.savedRoute() ?? (this.options.loggedIn() ? { screen: 'home' } : { screen: 'login' })
    );
  }

  private record(path: string, record: HistoryWrite): void {
    if (record === 'none') return;
    if (this.host.routing === 'hash') {
      const url = `${location.pathname}${location.search}${HASH_PREFIX}${path}`;
      if (location.hash === `${HASH_PREFIX}${path}`) return;
      if (record === 'push') history.pushState(history.state, '', url);
      else history.replaceState(history.state, '', url);
    } else if (this.host.routing === 'history') {
      const entry = { ...(history.state as object | null), [this.historyKey()]: path };
      if (record === 'push') history.pushState(entry, '');
      else history.replaceState(entry, '');
    }
  }

  private historyKey(): string {
    return `support-portal:${this.options.instance()}`;
  }

  private historyRoute(entry: unknown): Route | null {
    const path = (entry as Record<string, unknown> | null)?.[this.historyKey()];
    return typeof path === 'string' ? routeFromPath(path) : null;
  }

  /** Waits until the screen shown has rendered (its chunk loaded); resolves to its element. */
  async rendered(): Promise<HTMLElement | null> {
    if (this.route) await loadScreen(this.route.screen).catch(() => undefined);
    await this.host.updateComplete;
    const screen = this.host.renderRoot.querySelector<
      HTMLElement & { updateComplete?: Promise<unknown> }
    >('.main > *');
    await screen?.updateComplete;
    return screen;
  }

  /** A screen or the header asked for another screen (`sp-navigate`). */
  readonly handleNavigate = (event: NavigateEvent) => {
    event.stopPropagation();
    this.show(event.route, 'push');
  };

  private async focusScreen(): Promise<void> {
    const screen = await this.rendered();
    // The details asked to reply put focus in their reply box themselves, once it is there.
    if (this.route?.screen === 'ticket' && this.route.reply) return;
    screen?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
  }

  private readonly handleHashChange = () => {
    if (!location.hash.startsWith(HASH_PREFIX)) return;
    const route = routeFromPath(location.hash.slice(HASH_PREFIX.length));
    if (route && isMailedLink(route)) {
      // An e-mailed link opened in a tab already showing the page: any routing mode.
      history.replaceState(history.state, '', location.pathname + location.search);
      this.show(route, 'none');
      return;
    }
    if (this.host.routing !== 'hash') return;
    if (route && this.route && routeToPath(route) !== routeToPath(this.route)) {
      this.show(route, 'none');
    }
  };

  private readonly handlePopState = (event: PopStateEvent) => {
    if (this.host.routing === 'history') {
      const route = this.historyRoute(event.state);
      if (route) this.show(route, 'none');
    } else if (this.host.routing === 'hash') {
      this.handleHashChange();
    }
  };
}
