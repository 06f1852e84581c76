/**
 * @module
 * A manager's last choice between their own tickets and their organization's, kept in
 * `localStorage` per portal instance and customer, so that the list opens where they left it.
 */
import type { TicketScope } from '../../contract/domain.ts';

const key = (instance: string, customerId: string) =>
  `support-portal:ticket-scope:${instance}\n${customerId}`;

/** The scope last chosen, or null when none was (or storage is refused). */
export function rememberedScope(instance: string, customerId: string): TicketScope | null {
  try {
    const value = localStorage.getItem(key(instance, customerId));
    return value === 'mine' || value === 'organization' ? value : null;
  } catch {
    return null;
  }
}

export function rememberScope(instance: string, customerId: string, scope: TicketScope): void {
  try {
    localStorage.setItem(key(instance, customerId), scope);
  } catch {
    // Storage can be refused (sandboxed frames, privacy settings): the list still works.
  }
}
