/**
 * @module
 * Errors as `HTTPException`s carrying a stable code, and the one handler that renders every
 * error (ours, Hono's, the database being out of reach, or an unexpected one) in the contract's
 * JSON shape.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  type FieldErrorCode,
} from '../contract/errors.ts';

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  validation_failed: 'Some fields are not valid.',
  invalid_json: 'The request body is not valid JSON.',
  captcha_failed: 'The captcha was not solved, or its solution was already used.',
  invalid_link: 'This link is no longer valid; ask for a new one.',
  unauthenticated: 'Log in to continue.',
  invalid_credentials: 'E-mail or password is not correct.',
  requester_only: 'Only the person who opened this ticket can do this.',
  not_found: 'Not found.',
  method_not_allowed: 'Method not allowed.',
  wrong_state: 'The ticket is not in a state that allows this.',
  payload_too_large: 'The request or file is too large.',
  unsupported_file_type: 'This type of file is not accepted.',
  unsupported_media_type: 'Unsupported content type.',
  rate_limited: 'Too many attempts; try again later.',
  internal: 'Something went wrong on our side.',
  service_unavailable: 'The service is briefly unavailable; try again in a few seconds.',
};

/** What a client is told to wait when the database is out of reach: a restart takes seconds. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The libSQL server did not answer: connection refused or reset, no answer in time. Thrown by
 * the HTTP database client (db/libsql-http-client.ts), so it cannot be mistaken for a bug in our code.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database did not answer', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Too much expensive work is already waiting its turn (password hashes, see `lib/turns.ts`):
 * answered like the database being out of reach, 503 with a time to try again.
 */
export class ServerBusyError extends Error {
  constructor(what: string) {
    super(`too many ${what} waiting`);
    this.name = 'ServerBusyError';
  }
}

/** HTTP statuses of a proxy or server in front of the database that mean "not now". */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Whether `err` is the database being out of reach, however wrapped: drizzle wraps the client's
 * error, the libSQL client wraps the stream's, a closed stream carries the first failure.
 */
function isDatabaseUnavailable(err: unknown): boolean {
  for (let link = err, depth = 0; link instanceof Error && depth < 8; depth++) {
    if (link instanceof DatabaseUnavailableError) return true;
    const status = (link as { status?: unknown }).status;
    if (link.name === 'HttpServerError' && UNAVAILABLE_STATUSES.has(status as number)) return true;
    // The libSQL server gave up waiting for its write lock, held by other writers: busy, not
    // broken. Only a server's answer (ResponseError); a local file's busy wait is the Node
    // adapter's own setting.
    if (link.name === 'ResponseError' && (link as { code?: unknown }).code === 'SQLITE_BUSY')
      return true;
    link = link.cause;
  }
  return false;
}

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, FieldErrorCode>,
    message = DEFAULT_MESSAGES[code],
  ) {
    super(ERROR_STATUS[code] as ContentfulStatusCode, { message });
  }
}

/**
 * The request's body ended before it was whole: the client went away mid-upload (workerd reads
 * `Network connection lost`). Answered as a refused form, which no one will read; logged once, by
 * the request log, with this name.
 */
export class BodyAbortedError extends ApiError {
  constructor(cause: unknown) {
    super('validation_failed', { _: 'invalid' }, 'The request body was cut off.');
    this.name = 'BodyAbortedError';
    this.cause = cause;
  }
}

export function errorBody(code: ErrorCode, fields?: Record<string, FieldErrorCode>): ErrorBody {
  return { error: { code, message: DEFAULT_MESSAGES[code], ...(fields && { fields }) } };
}

/** Hono's own exceptions (body limit, malformed JSON) mapped onto our codes. */
function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'invalid_json';
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return 'internal';
}

export function renderError(err: Error, c: Context): Response {
  const code = errorCodeOf(err);
  c.set('errorCode', code);
  if (code === 'service_unavailable') {
    const retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_SECONDS;
    const body = errorBody('service_unavailable');
    return c.json({ error: { ...body.error, retryAfterSeconds } }, 503, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
  const fields = err instanceof ApiError ? err.fields : undefined;
  return c.json(errorBody(code, fields), ERROR_STATUS[code] as ContentfulStatusCode);
}

/** The code an error is answered with; logged with its request by middleware/request-log.ts. */
function errorCodeOf(err: Error): ErrorCode {
  if (err instanceof ApiError) return err.code;
  if (err instanceof HTTPException && err.status < 500) return codeForStatus(err.status);
  if (err instanceof ServerBusyError || isDatabaseUnavailable(err)) return 'service_unavailable';
  return 'internal';
}
