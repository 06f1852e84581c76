/**
 * @module
 * The API's error contract: one JSON shape and a closed set of stable codes, shared by the edge
 * (which throws them), the widget (which localizes them) and the tests (which assert them).
 */

/** Every code the API can answer with, and the HTTP status that goes with it. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  /** The proof-of-work captcha was missing, wrong, expired or already used. */
  captcha_failed: 400,
  /** A set-password link that is unknown, used, expired, or older than the last password change. */
  invalid_link: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  /** The caller sees the ticket (colleague in copy, manager) but only its requester may do this. */
  requester_only: 403,
  not_found: 404,
  method_not_allowed: 405,
  wrong_state: 409,
  payload_too_large: 413,
  unsupported_file_type: 415,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  /**
   * The database could not be reached (restarting, unreachable), or too many log ins wait for
   * their password hash: try again after `Retry-After`.
   */
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Why a single field was refused; the widget shows a localized sentence for each. */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid',
  'too_short',
  'too_long',
  'not_allowed',
  'unknown_field',
  /** A new password found in the list of most common passwords. */
  'too_common',
  /** A new password equal to (or made of) the customer's e-mail. */
  'same_as_email',
  /** The current password, when changing it, is not the right one. */
  'incorrect',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, FieldErrorCode>;
    /** With `rate_limited` and `service_unavailable`: how long to wait before trying again. */
    retryAfterSeconds?: number;
  };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return typeof error?.code === 'string' && error.code in ERROR_STATUS;
}
