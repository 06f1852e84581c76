/**
 * @module
 * The `fetch` the libSQL HTTP client speaks to the database with, bounded: a server that is
 * down, restarting or stuck fails the request within a few seconds as `DatabaseUnavailableError`
 * (answered 503 `service_unavailable`), instead of hanging the customer's request.
 *
 * Writes wait their turn: a libSQL server answers `SQLITE_BUSY` to a write while another holds
 * the database's write lock (a burst of ticket creates), and a request that changed nothing is
 * sent again after a short, growing, random pause until the deadline. Only requests outside an
 * interactive transaction (no baton) are sent again: each is a whole batch or one statement,
 * which the server rolled back or never began.
 */
import { DatabaseUnavailableError } from '../errors.ts';

/** Longer than any query of the portal takes, short enough that a customer is not left waiting. */
export const DATABASE_TIMEOUT_MS = 10_000;

/** A pipeline with a baton: a step of an interactive transaction, never sent again. */
const IN_TRANSACTION = /^\{"baton":"/;
/** How a libSQL server reports a locked database in a result (JSON, never inside a string). */
const BUSY = new TextEncoder().encode('"code":"SQLITE_BUSY"');

/**
 * Whether `bytes` hold `pattern`, found by its byte at `anchor` (one rare in the answers: a `Q`,
 * not a quote) and compared around it. Searched in the bytes, since decoding every answer (a
 * page of tickets) to text cost more than the rest of this fetch (BENCHMARKS.md figure 6).
 */
export function holds(bytes: Uint8Array, pattern: Uint8Array, anchor = 0): boolean {
  const first = pattern[anchor]!;
  for (let at = bytes.indexOf(first, anchor); at !== -1; at = bytes.indexOf(first, at + 1)) {
    const start = at - anchor;
    let i = 0;
    while (i < pattern.length && bytes[start + i] === pattern[i]) i++;
    if (i === pattern.length) return true;
  }
  return false;
}

/** The `Q` of `SQLITE_BUSY` in `BUSY`. */
const BUSY_ANCHOR = 9;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function boundedDatabaseFetch(timeoutMs = DATABASE_TIMEOUT_MS) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const deadline = Date.now() + timeoutMs;
    try {
      const request = new Request(input, init);
      const body = request.body ? await request.text() : null;
      const retryable = body !== null && !IN_TRANSACTION.test(body);
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body,
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        // Read here, under the same deadline, so a body cut off midway is reported the same way.
        const bytes = await response.arrayBuffer();
        const wait = Math.random() * Math.min(100, 5 * 2 ** attempt);
        const busy =
          retryable &&
          Date.now() + wait < deadline &&
          holds(new Uint8Array(bytes), BUSY, BUSY_ANCHOR);
        if (!busy) return new Response(bytes.byteLength ? bytes : null, response);
        await pause(wait);
      }
    } catch (error) {
      throw new DatabaseUnavailableError(error);
    }
  };
}
