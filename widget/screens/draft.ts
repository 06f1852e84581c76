/**
 * @module
 * Drafts kept for the tab's lifetime: an access token can expire while a customer writes, and
 * after logging in again they come back to the same screen; what they had typed must be there
 * too (WCAG 2.2, 3.3.7). Keyed by customer, so nobody else logging in on the tab sees it.
 */

function storageKey(name: string, customerId: string): string {
  return `support-portal:draft:${name}:${customerId}`;
}

export function readDraft<T>(name: string, customerId: string): Partial<T> | null {
  try {
    const saved = sessionStorage.getItem(storageKey(name, customerId));
    const parsed: unknown = saved ? JSON.parse(saved) : null;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<T>) : null;
  } catch {
    return null;
  }
}

/** Saves the draft, or forgets it when `value` is null. */
export function writeDraft(name: string, customerId: string, value: object | null): void {
  try {
    if (value) sessionStorage.setItem(storageKey(name, customerId), JSON.stringify(value));
    else sessionStorage.removeItem(storageKey(name, customerId));
  } catch {
    // Storage can be refused (sandboxed frames, privacy settings); the form still works.
  }
}
