/**
 * @module
 * What the host page may ask of `<support-portal>` through its methods: which screens `open()`
 * accepts and the route each becomes, and the new-ticket fields `prefill()` sets.
 */
import { URGENCIES, type Urgency } from '../contract/domain.ts';
import type { Route } from './navigation.ts';

/** The screens a host may open. */
export type HostScreen = 'home' | 'new-ticket' | 'tickets' | 'ticket' | 'contact';

/** `open('tickets', { state: 'closed' })`, `open('ticket', { number: 1002 })`. */
export interface OpenParams {
  state?: 'open' | 'closed';
  number?: number;
}

/** Fields of the new-ticket form a host fills in; the customer can still change them. */
export interface TicketPrefill {
  /** A category leaf's id, as in `GET /api/categories`. */
  category?: string;
  urgency?: Urgency;
  description?: string;
}

/** The route `open()` shows; a TypeError for a screen or parameter it does not know. */
export function hostRoute(screen: HostScreen, params: OpenParams = {}): Route {
  switch (screen) {
    case 'home':
    case 'new-ticket':
    case 'contact':
      return { screen };
    case 'tickets':
      return { screen, state: params.state === 'closed' ? 'closed' : 'open' };
    case 'ticket':
      if (Number.isSafeInteger(params.number) && params.number! > 0) {
        return { screen, number: params.number! };
      }
      throw new TypeError('open("ticket") needs { number } (a ticket number)');
    default:
      throw new TypeError(`open(): unknown screen ${JSON.stringify(screen)}`);
  }
}

/** The prefill's known fields, checked; anything else is dropped. */
export function cleanPrefill(values: TicketPrefill): TicketPrefill {
  const prefill: TicketPrefill = {};
  if (typeof values?.category === 'string' && values.category) prefill.category = values.category;
  if (URGENCIES.includes(values?.urgency as Urgency)) prefill.urgency = values.urgency;
  if (typeof values?.description === 'string') prefill.description = values.description;
  return prefill;
}
