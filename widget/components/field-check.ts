/**
 * @module
 * Checks a form against the contract's own request schema before it is sent, so the widget
 * refuses exactly what the API would refuse, with the same per-field codes.
 */
import * as z from 'zod/mini';
import type { FieldErrorCode } from '../../edge/contract/errors.ts';

/** The refused fields and why, keyed by field name; empty when the value is valid. */
export function checkFields(schema: z.ZodMiniType, value: unknown): Record<string, FieldErrorCode> {
  const result = z.safeParse(schema, value);
  if (result.success) return {};
  const fields: Record<string, FieldErrorCode> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (fields[key]) continue;
    const input = (value as Record<string, unknown>)[key];
    fields[key] =
      input === undefined || (typeof input === 'string' && !input.trim())
        ? 'required'
        : issue.code === 'too_big'
          ? 'too_long'
          : 'invalid';
  }
  return fields;
}
