/**
 * @module
 * Request validation with the contract's zod schemas through `@hono/zod-validator`; every
 * failure becomes a `validation_failed` error with one stable code per field.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import * as z from 'zod/v4/core';
import { safeParse as zodSafeParse, safeParseAsync as zodSafeParseAsync } from 'zod/v4/core';
import type { FieldErrorCode } from '../../contract/errors.ts';
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

/** Validates one part of the request; JSON bodies must also say they are JSON. */
export function validate<T extends z.$ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(
    target,
    schema,
    (result) => {
      if (!result.success)
        throw new ApiError('validation_failed', fieldErrors(result.error.issues));
    },
    // The core result has the same shape as classic zod's, which is the type the validator names.
    { validationFunction: (s, value) => zodSafeParseAsync(s, value, WITH_INPUT) as never },
  );
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
export const requireJson = createMiddleware(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported_media_type');
  return jsonBodyLimit(c, next);
});

/** Parses a value already read from the request (form fields, a config-dependent schema). */
export function parseWith<T extends z.$ZodType>(schema: T, value: unknown): z.output<T> {
  const result = zodSafeParse(schema, value, WITH_INPUT);
  if (!result.success) throw new ApiError('validation_failed', fieldErrors(result.error.issues));
  return result.data;
}

/** The JSON body, or `invalid_json`. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError('invalid_json');
  }
}
