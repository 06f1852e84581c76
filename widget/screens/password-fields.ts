/**
 * @module
 * The "new password" and "repeat it" pair that setting and changing a password share: paste and
 * password managers allowed (`autocomplete="new-password"`), each error tied to its field.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FieldErrorCode } from '../../contract/errors.ts';
import { NEW_PASSWORD_MIN_LENGTH } from '../../contract/domain.ts';
import { fieldMessage } from '../i18n/errors.ts';

export interface PasswordErrors {
  password?: string;
  repeat?: string;
}

/** Checks the pair before anything is sent. */
export function checkNewPassword(password: string, repeat: string): PasswordErrors {
  const errors: PasswordErrors = {};
  if (password.length < NEW_PASSWORD_MIN_LENGTH) errors.password = tooShort();
  if (repeat !== password) {
    errors.repeat = msg('Las dos contraseñas no coinciden.', { id: 'password.mismatch' });
  }
  return errors;
}

function tooShort(): string {
  return msg(str`La contraseña debe tener al menos ${NEW_PASSWORD_MIN_LENGTH} caracteres.`, {
    id: 'password.too_short_n',
  });
}

/** The API's reason for refusing the new password, as the field's message. */
export function newPasswordMessage(code: FieldErrorCode): string {
  return code === 'too_short' ? tooShort() : fieldMessage(code);
}

export function renderNewPasswordFields(errors: PasswordErrors) {
  return html`
    <div class="field">
      <label for="new-password">${msg('Contraseña nueva', { id: 'password.new' })}</label>
      <input
        id="new-password"
        name="password"
        type="password"
        autocomplete="new-password"
        minlength=${NEW_PASSWORD_MIN_LENGTH}
        required
        aria-invalid=${errors.password ? 'true' : 'false'}
        aria-describedby="new-password-hint ${errors.password ? 'new-password-error' : ''}"
      />
      <p id="new-password-hint" class="muted">
        ${msg(str`Al menos ${NEW_PASSWORD_MIN_LENGTH} caracteres. No use su correo electrónico ni una contraseña común.`, { id: 'password.hint_n' })}
      </p>
      ${
        errors.password
          ? html`<p id="new-password-error" class="field-error">${errors.password}</p>`
          : nothing
      }
    </div>
    <div class="field">
      <label for="repeat-password"
        >${msg('Repita la contraseña nueva', { id: 'password.repeat' })}</label
      >
      <input
        id="repeat-password"
        name="repeat"
        type="password"
        autocomplete="new-password"
        required
        aria-invalid=${errors.repeat ? 'true' : 'false'}
        aria-describedby=${ifDefined(errors.repeat ? 'repeat-password-error' : undefined)}
      />
      ${
        errors.repeat
          ? html`<p id="repeat-password-error" class="field-error">${errors.repeat}</p>`
          : nothing
      }
    </div>
  `;
}
