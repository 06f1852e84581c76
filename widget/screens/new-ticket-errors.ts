/**
 * @module
 * Where the new-ticket form shows what went wrong: beside the fields concerned, focus on the
 * first of them; otherwise above the button, focus there.
 */
import type { FieldErrorCode } from '../../contract/errors.ts';
import { ApiRequestError } from '../api/client.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';

export type Field = 'category' | 'urgency' | 'description' | 'colleagues' | 'file';

/** Where a field's error goes focus-wise, in the order the form shows them. */
const FIELD_FOCUS: [Field, string][] = [
  ['category', '#change-category'],
  ['urgency', 'input[name="urgency"]'],
  ['description', '#description'],
  ['colleagues', 'sp-colleague-picker'],
  ['file', 'sp-file-picker'],
];

/** `fields`: messages beside their fields; `form`: the one above the button; `focus`: where. */
export interface FormErrors {
  fields?: Partial<Record<Field, string>>;
  form?: string;
  focus: string;
}

/** The refused fields' messages: from the codes the API (or the form's own check) gives. */
export function fieldErrors(
  codes: Partial<Record<string, FieldErrorCode>>,
  messages: Partial<Record<Field, string>> = {},
): FormErrors {
  const fields: Partial<Record<Field, string>> = { ...messages };
  for (const [field] of FIELD_FOCUS) {
    const code = codes[field];
    if (code) fields[field] = fieldMessage(code);
  }
  const focus = FIELD_FOCUS.find(([field]) => fields[field])?.[1] ?? '#form-error';
  // A refusal of nothing the form shows still needs a word.
  if (!Object.keys(fields).length) {
    return { fields, form: errorMessage(new ApiRequestError(400, 'validation_failed')), focus };
  }
  return { fields, focus };
}

/** What a refused or failed request to register the ticket shows. */
export function requestErrors(error: unknown): FormErrors {
  if (error instanceof ApiRequestError && error.fields) return fieldErrors(error.fields);
  if (
    error instanceof ApiRequestError &&
    (error.code === 'payload_too_large' || error.code === 'unsupported_file_type')
  ) {
    return fieldErrors({}, { file: errorMessage(error) });
  }
  return { form: errorMessage(error), focus: '#form-error' };
}
