/**
 * @module
 * Request validation with the contract's zod schemas through Hono's validator; every
 * failure becomes a `validation_failed` error with one stable code per field; a text that is not
 * well-formed Unicode is refused as `invalid` before any schema sees it.
 */
import type { Context, Next, ValidationTargets } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { validator } from 'hono/validator';
import * as z from 'zod/v4/core';
import { safeParse as zodSafeParse, safeParseAsync as zodSafeParseAsync } from 'zod/v4/core';
import type { FieldErrorCode } from '../../contract/errors.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

/** zod leaves `issue.input` out unless asked; `fieldCode` needs it to tell "missing" from "wrong". */
const WITH_INPUT = { reportInput: true };

/** Maps zod issues onto the contract's field codes, keyed by dotted path. */
export function fieldErrors(issues: readonly z.$ZodIssue[]): Record<string, FieldErrorCode> {
  const fields: Record<string, FieldErrorCode> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] = 'unknown_field';
      continue;
    }
    const key = issue.path.join('.') || '_';
    if (fields[key]) continue;
    fields[key] = fieldCode(issue);
  }
  return fields;
}

function fieldCode(issue: z.$ZodIssue): FieldErrorCode {
  if (issue.input === undefined && issue.code !== 'custom') return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid';
    case 'too_small':
      return issue.minimum === 1 && issue.origin === 'string' ? 'required' : 'too_short';
    case 'too_big':
      return 'too_long';
    case 'invalid_value':
      return 'not_allowed';
    default:
      return 'invalid';
  }
}

/**
 * Every string of `value` (keys too) not well-formed Unicode, as `invalid` fields by dotted path.
 * JSON may escape a lone surrogate (`"\ud800"`), which libSQL over HTTP cannot even receive
 * (a 500 on Workers and Deno) and Node would store as text no client can show.
 */
export function malformedTextFields(
  value: unknown,
  path: string[] = [],
  fields: Record<string, FieldErrorCode> = {},
): Record<string, FieldErrorCode> {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) fields[path.join('.') || '_'] = 'invalid';
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key.isWellFormed() ? key : key.toWellFormed()];
      if (!key.isWellFormed()) fields[at.join('.')] = 'invalid';
      malformedTextFields(item, at, fields);
    }
  }
  return fields;
}

function assertWellFormed(value: unknown): void {
  const fields = malformedTextFields(value);
  if (Object.keys(fields).length) throw new ApiError('validation_failed', fields);
}

/** Far above any valid JSON request of the API, far below what would cost memory. */
const JSON_BODY_MAX_BYTES = 256 * 1024;

const jsonBodyLimit = bodyLimit({
  maxSize: JSON_BODY_MAX_BYTES,
  onError: () => {
    throw new ApiError('payload_too_large');
  },
});

/** JSON bodies must say they are JSON, and stay small. */
const requireJson = createMiddleware(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported_media_type');
  return jsonBodyLimit(c, next);
});

/**
 * The one way a request's part is validated: with a contract schema, or one made from the
 * request's ports when a limit comes from the configuration. A JSON body must also say it is
 * JSON and stay small; malformed JSON is `invalid_json` (see errors.ts).
 */
export function validate<Target extends keyof ValidationTargets, T extends z.$ZodType>(
  target: Target,
  schema: T | ((c: Context<AppEnv>) => T),
) {
  const parse = validator(target, async (value, c: Context<AppEnv>) => {
    assertWellFormed(value);
    const resolved = typeof schema === 'function' ? schema(c) : schema;
    const result = await zodSafeParseAsync(resolved, value, WITH_INPUT);
    if (!result.success) throw new ApiError('validation_failed', fieldErrors(result.error.issues));
    return result.data as z.output<T>;
  });
  if (target !== 'json') return parse;
  // Typed as the validator: the JSON check in front changes nothing a handler reads, and
  // neither answers with a response of its own (both throw).
  const json = async (c: Context, next: Next) => {
    await requireJson(c, async () => {
      await parse(c, next);
    });
  };
  return json as unknown as typeof parse;
}

/** Parses form fields already read from a multipart body (see multipart.ts). */
export function parseWith<T extends z.$ZodType>(schema: T, value: unknown): z.output<T> {
  assertWellFormed(value);
  const result = zodSafeParse(schema, value, WITH_INPUT);
  if (!result.success) throw new ApiError('validation_failed', fieldErrors(result.error.issues));
  return result.data;
}
