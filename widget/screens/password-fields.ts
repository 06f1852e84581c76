/**
 * @module
 * The "new password" and "repeat it" pair that setting and changing a password share: paste and
 * password managers allowed (`autocomplete="new-password"`), each error tied to its field.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** The portal's minimum, the same as the API's rule for customer passwords. */
export const MIN_PASSWORD_LENGTH = 8;

export interface PasswordErrors {
  password?: string;
  repeat?: string;
}

/** Checks the pair before anything is sent. */
export function checkNewPassword(password: string, repeat: string): PasswordErrors {
  const errors: PasswordErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH) {
    errors.password = msg('La contraseña debe tener al menos 8 caracteres.', {
      id: 'password.too_short',
    });
  }
  if (repeat !== password) {
    errors.repeat = msg('Las dos contraseñas no coinciden.', { id: 'password.mismatch' });
  }
  return errors;
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
        minlength=${MIN_PASSWORD_LENGTH}
        required
        aria-invalid=${errors.password ? 'true' : 'false'}
        aria-describedby="new-password-hint ${errors.password ? 'new-password-error' : ''}"
      />
      <p id="new-password-hint" class="muted">
        ${msg('Al menos 8 caracteres.', { id: 'password.hint' })}
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
