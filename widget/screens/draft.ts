/**
 * @module
 * Drafts that survive a reload, a closed tab and an expired session: what a customer typed or
 * chose and has not sent yet is there again when they come back, logged in again if need be
 * (WCAG 2.2, 3.3.7). Texts live in `localStorage` under a scope per portal instance and customer,
 * so two instances on a page and two customers on a browser never see each other's drafts; a
 * chosen file lives in IndexedDB (draft-files.ts, loaded only when there is a file). Drafts are
 * removed once sent and when the customer logs out.
 */
import { msg } from '@lit/localize';

const PREFIX = 'support-portal:draft:';

/** Where one instance keeps one customer's drafts: every key of theirs starts with it. */
export function draftScope(instance: string, customerId: string): string {
  return `${PREFIX}${instance}\n${customerId}\n`;
}

export function readDraft<T>(key: string): Partial<T> | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<T>) : null;
  } catch {
    return null;
  }
}

/** Saves the draft under `key`, or forgets it (and its file) when `value` is null. */
export function writeDraft(key: string, value: object | null): void {
  if (!value) {
    void clearDrafts(key, true);
    return;
  }
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage can be refused or full (sandboxed frames, privacy settings); the form still works.
  }
}

/**
 * Forgets the draft `key`, or with `exact` false every draft whose key starts with it (a
 * customer's scope, on logout); files too, when a draft had one.
 */
export async function clearDrafts(key: string, exact = false): Promise<void> {
  let files = false;
  try {
    for (const name of Object.keys(localStorage)) {
      if (exact ? name !== key : !name.startsWith(key)) continue;
      files ||= readDraft<{ file: string }>(name)?.file !== undefined;
      localStorage.removeItem(name);
    }
    if (files) await (await import('./draft-files.ts')).deleteFiles(key, exact);
  } catch {
    // Nothing was stored where storage is refused.
  }
}

/** Keeps a draft's file beside it (the size capped by the caller), or forgets it for null. */
export async function writeDraftFile(key: string, file: File | null): Promise<void> {
  try {
    const files = await import('./draft-files.ts');
    await (file ? files.saveFile(key, file) : files.deleteFiles(key, true));
  } catch {
    // Without IndexedDB (or room in it) the file is simply not kept.
  }
}

export async function readDraftFile(key: string): Promise<File | null> {
  try {
    return await (await import('./draft-files.ts')).loadFile(key);
  } catch {
    return null;
  }
}

/** Said when a form comes back with a draft. */
export function restoredNotice(): string {
  return msg('Hemos recuperado lo que escribió y aún no había enviado.', { id: 'draft.restored' });
}
