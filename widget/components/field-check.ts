/**
 * @module
 * The checks the widget makes before sending a text, with the same per-field codes the API
 * answers with. The API's schemas stay the authority (and answer anything these miss); they are
 * not imported here because zod, even `zod/mini`, would be a sixth of the portal's weight budget.
 */
import type { FieldErrorCode } from '../../contract/errors.ts';

/** Why a required text would be refused: empty once trimmed, or longer than `max`; else null. */
export function checkText(value: string, max?: number): FieldErrorCode | null {
  const trimmed = value.trim();
  if (!trimmed) return 'required';
  if (max !== undefined && trimmed.length > max) return 'too_long';
  return null;
}
