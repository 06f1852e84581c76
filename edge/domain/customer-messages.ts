/**
 * @module
 * A customer's message to an open ticket (information, a file, or both): on a ticket
 * `waiting_for_customer` it is the answer the desk waited for, so the same change moves the
 * ticket back to `in_progress` and records `customer_replied` (the desk's webhook
 * `ticket.customer_replied`); on any other open ticket it changes only the timeline.
 */
import { OPEN_STATUSES, type TicketStatus } from '../../contract/domain.ts';
import type { TicketRow } from '../db/schema.ts';
import type { NewEvent } from './event-types.ts';
import type { TicketChange } from './events.ts';

const NOT_WAITING = OPEN_STATUSES.filter((status) => status !== 'waiting_for_customer');

export function customerMessage(
  ticket: Pick<TicketRow, 'status'>,
  events: NewEvent[],
  extra?: TicketChange['extra'],
): TicketChange {
  if (ticket.status !== 'waiting_for_customer') return { from: NOT_WAITING, events, extra };
  const status: TicketStatus = 'in_progress';
  return {
    from: ['waiting_for_customer'],
    set: { status },
    events: [...events, { kind: 'customer_replied', status }],
    extra,
  };
}
