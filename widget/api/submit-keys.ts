/**
 * @module
 * One `Idempotency-Key` per submit. The key belongs to what is sent (the route and its content):
 * a double click, or the customer pressing the button again after a network error, sends the
 * same content under the same key, so the API writes it once. Once the API has answered (done
 * or refused), the next submit of that content is a new one with a new key.
 */

/** What identifies a submit: the route and every value sent, files by name, size and date. */
export function submitSignature(path: string, body: FormData | unknown): string {
  if (!(body instanceof FormData)) return JSON.stringify([path, body]);
  const entries = [...body.entries()].map(([name, value]) =>
    typeof value === 'string'
      ? [name, value]
      : [name, value.name, value.size, value.lastModified, value.type],
  );
  return JSON.stringify([path, entries]);
}

/** Random, from `getRandomValues`: `randomUUID` exists only on secure pages. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class SubmitKeys {
  private readonly pending = new Map<string, string>();

  /** The key of this submit: the same while the same content waits for an answer. */
  keyFor(signature: string): string {
    let key = this.pending.get(signature);
    if (!key) this.pending.set(signature, (key = newKey()));
    return key;
  }

  /**
   * The API answered this submit (status > 0: done, or refused and so unchanged). After a
   * network error (0) the key is kept for the retry, since the write may have happened.
   */
  answered(signature: string, status: number): void {
    if (status > 0 && status !== 503) this.pending.delete(signature);
  }
}
