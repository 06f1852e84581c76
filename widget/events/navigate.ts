/**
 * @module
 * `support-portal-navigate`: the portal now shows another screen.
 */
import type { Screen } from '../navigation.ts';

/** The detail of {@link PortalNavigateEvent}. */
export interface PortalNavigateDetail {
  /** The screen shown: `login`, `home`, `tickets`, `ticket`, `new-ticket`... */
  screen: Screen;
  /** The screen and its parameter as a path, e.g. `tickets/open` or `ticket/1002`. */
  path: string;
}

/** The portal changed screen. Fired on `<support-portal>`; bubbles and is composed. */
export class PortalNavigateEvent extends CustomEvent<PortalNavigateDetail> {
  static readonly type = 'support-portal-navigate';

  constructor(detail: PortalNavigateDetail) {
    super(PortalNavigateEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'support-portal-navigate': PortalNavigateEvent;
  }
}
