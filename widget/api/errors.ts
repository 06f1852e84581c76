/**
 * @module
 * The one error every API call fails with: the contract's code (or `network` when no answer
 * came at all), the HTTP status, and the per-field reasons of a validation failure.
 */
import { isErrorBody, type ErrorCode, type FieldErrorCode } from '../../contract/errors.ts';

/** The contract's codes, plus the one failure the API cannot answer with: no answer. */
export type ClientErrorCode = ErrorCode | 'network';

export class ApiRequestError extends Error {
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    readonly code: ClientErrorCode,
    readonly fields?: Record<string, FieldErrorCode>,
    /** With `rate_limited`: how long to wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'ApiRequestError';
  }

  /** Builds the error from a failed response's status and parsed body (if any). */
  static from(status: number, body: unknown): ApiRequestError {
    if (isErrorBody(body)) {
      const { code, fields, retryAfterSeconds } = body.error;
      return new ApiRequestError(status, code, fields, retryAfterSeconds);
    }
    return new ApiRequestError(status, status === 401 ? 'unauthenticated' : 'internal');
  }
}
