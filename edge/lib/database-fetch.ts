/**
 * @module
 * The `fetch` the libSQL HTTP client speaks to the database with, bounded: a server that is
 * down, restarting or stuck fails the request within a few seconds as `DatabaseUnavailableError`
 * (answered 503 `service_unavailable`), instead of hanging the customer's request.
 */
import { DatabaseUnavailableError } from '../errors.ts';

/** Longer than any query of the portal takes, short enough that a customer is not left waiting. */
export const DATABASE_TIMEOUT_MS = 10_000;

export function boundedDatabaseFetch(timeoutMs = DATABASE_TIMEOUT_MS) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      const response = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      // Read here, under the same deadline, so a body cut off midway is reported the same way.
      const body = await response.arrayBuffer();
      return new Response(body.byteLength ? body : null, response);
    } catch (error) {
      throw new DatabaseUnavailableError(error);
    }
  };
}
