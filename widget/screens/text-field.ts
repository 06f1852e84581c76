/**
 * @module
 * The long-text field the ticket screens share: label with its "required" mark, a hint, the
 * textarea, a character count against the API's limit, and the field's error, each tied to the
 * textarea with `aria-describedby`.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { currentLanguage } from '../i18n/localization.ts';

export interface TextFieldOptions {
  /** The textarea's id and name; the hint, count and error take it as prefix. */
  id: string;
  label: string;
  /** Shown after the label, e.g. "(obligatoria)", agreeing with the label's gender. */
  requiredMark: string;
  hint: string;
  value: string;
  /** The API's limit, from `GET /api/config`; no count without it. */
  max?: number;
  error: string;
  readonly: boolean;
  /** Called with the component that renders the field as `this`, as Lit binds listeners. */
  onInput: (event: InputEvent) => void;
}

export function textField(field: TextFieldOptions) {
  const number = new Intl.NumberFormat(currentLanguage());
  const describedBy = [
    `${field.id}-hint`,
    field.max ? `${field.id}-count` : '',
    field.error ? `${field.id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return html`
    <div class="field">
      <label for=${field.id}>
        ${field.label}
        <span class="required">${field.requiredMark}</span>
      </label>
      <p id="${field.id}-hint" class="hint">${field.hint}</p>
      <textarea
        id=${field.id}
        name=${field.id}
        required
        maxlength=${field.max ?? nothing}
        aria-invalid=${field.error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        ?readonly=${field.readonly}
        .value=${field.value}
        @input=${field.onInput}
      ></textarea>
      ${
        field.max
          ? html`<p id="${field.id}-count" class="count">
              ${msg(
                str`${number.format(field.value.length)} de ${number.format(field.max)} caracteres`,
                { id: 'textField.count' },
              )}
            </p>`
          : nothing
      }
      <p id="${field.id}-error" class="field-error">${field.error}</p>
    </div>
  `;
}
