/**
 * @module
 * The portal's screens as routes, the event a screen dispatches to ask for another one, and the
 * text form of a route (for the URL hash when the host opts in, and for `sessionStorage`).
 */
import { RATING_MAX, RATING_MIN } from '../contract/domain.ts';
import { isTicketFilter, type TicketFilter } from './ticket-filters.ts';

export type Route =
  | { screen: 'login' }
  | { screen: 'forgot-password' }
  | { screen: 'set-password'; token: string }
  /** A one-click rating link from an e-mail: rates on open, no login. */
  | { screen: 'rate'; token: string; score: number }
  | { screen: 'home' }
  /** `followUpOf`: the closed ticket the new one follows up (its category is preselected). */
  | { screen: 'new-ticket'; followUpOf?: number }
  | { screen: 'ticket-created'; number: number }
  /** `filter`: the open list's status filter (`all` when absent). */
  | { screen: 'tickets'; state: 'open' | 'closed'; filter?: TicketFilter }
  /** `reply`: the reply box under the thread takes focus (the list's pen action). */
  | { screen: 'ticket'; number: number; reply?: boolean }
  | { screen: 'solution'; number: number }
  | { screen: 'change-password' }
  | { screen: 'contact' }
  /** After a partner single sign-on session ended: no login screen, a way back in. */
  | { screen: 'signed-out' };

export type Screen = Route['screen'];

/** Screens anyone may see; every other one asks for login first. */
const PUBLIC_SCREENS: ReadonlySet<Screen> = new Set([
  'login',
  'forgot-password',
  'set-password',
  'rate',
  'contact',
  'signed-out',
]);

/** Routes that e-mailed links open whatever `routing` says; their token must not linger. */
export function isMailedLink(route: Route | null): route is Route {
  return route?.screen === 'set-password' || route?.screen === 'rate';
}

/**
 * Whether two routes show the same screen and differ only in the open list's filter: the router
 * records the change without moving focus away from the filter the customer just pressed.
 */
export function onlyFilterChanged(before: Route | null, after: Route): boolean {
  return (
    before?.screen === 'tickets' &&
    after.screen === 'tickets' &&
    before.state === after.state &&
    (before.filter ?? 'all') !== (after.filter ?? 'all')
  );
}

export function isProtected(route: Route): boolean {
  return !PUBLIC_SCREENS.has(route.screen);
}

/**
 * Asks the root element for another screen. Screens dispatch it; it bubbles out of their shadow
 * roots up to `<support-portal>`, which stops it there.
 */
export class NavigateEvent extends Event {
  static readonly type = 'sp-navigate';

  constructor(readonly route: Route) {
    super(NavigateEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'sp-navigate': NavigateEvent;
  }
}

/** `tickets/open`, `tickets/open/waiting`, `ticket/1002`, `home`: short, readable in a hash. */
export function routeToPath(route: Route): string {
  switch (route.screen) {
    case 'set-password':
      return `${route.screen}/${encodeURIComponent(route.token)}`;
    case 'rate':
      return `${route.screen}/${encodeURIComponent(route.token)}/${route.score}`;
    case 'new-ticket':
      return route.followUpOf ? `${route.screen}/${route.followUpOf}` : route.screen;
    case 'tickets':
      return route.filter && route.filter !== 'all'
        ? `${route.screen}/${route.state}/${route.filter}`
        : `${route.screen}/${route.state}`;
    case 'ticket':
      return `${route.screen}/${route.number}${route.reply ? '/reply' : ''}`;
    case 'ticket-created':
    case 'solution':
      return `${route.screen}/${route.number}`;
    default:
      return route.screen;
  }
}

/** The route a path names, or null for anything that is not one (never trusted blindly). */
export function routeFromPath(path: string): Route | null {
  const [screen = '', param, extra, ...rest] = path.replace(/^\/+/, '').split('/');
  if (screen === 'rate') {
    const score = Number(extra);
    return param &&
      Number.isInteger(score) &&
      score >= RATING_MIN &&
      score <= RATING_MAX &&
      !rest.length
      ? { screen, token: decodeURIComponent(param), score }
      : null;
  }
  if (screen === 'tickets' && param === 'open' && extra !== undefined) {
    return isTicketFilter(extra) && extra !== 'all' && !rest.length
      ? { screen, state: param, filter: extra }
      : null;
  }
  // `add-information/N` is the screen the reply box replaced: its bookmarks open the reply box.
  const replyPath =
    (screen === 'ticket' && extra === 'reply') || (screen === 'add-information' && !extra);
  if (replyPath && !rest.length) {
    const number = /^[1-9]\d{0,15}$/.test(param ?? '') ? Number(param) : null;
    return number === null ? null : { screen: 'ticket', number, reply: true };
  }
  if (extra !== undefined) return null;
  const number = param !== undefined && /^[1-9]\d{0,15}$/.test(param) ? Number(param) : null;
  switch (screen) {
    case 'login':
    case 'forgot-password':
    case 'home':
    case 'change-password':
    case 'contact':
    case 'signed-out':
      return param === undefined ? { screen } : null;
    case 'new-ticket':
      if (param === undefined) return { screen };
      return number === null ? null : { screen, followUpOf: number };
    case 'set-password':
      return param ? { screen, token: decodeURIComponent(param) } : null;
    case 'tickets':
      return param === 'open' || param === 'closed' ? { screen, state: param } : null;
    case 'ticket-created':
    case 'ticket':
    case 'solution':
      return number === null ? null : { screen, number };
    default:
      return null;
  }
}
