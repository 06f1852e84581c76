/**
 * @module
 * `<sp-set-password-screen>`: opened by the e-mailed link (`#sp/set-password/<token>` on the
 * host page); the customer chooses a password and, once accepted, lands on the home screen,
 * logged in, with "Password changed".
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiRequestError } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { LoggedInEvent } from '../events/logged-in.ts';
import { errorMessage } from '../i18n/errors.ts';
import { ScreenElement } from './screen.ts';
import {
  checkNewPassword,
  newPasswordMessage,
  renderNewPasswordFields,
  type PasswordErrors,
} from './password-fields.ts';

/** "Password changed": shown by the root on the screen the customer lands on. */
export function passwordChanged(): string {
  return msg('Contraseña cambiada.', { id: 'password.changed' });
}

/**
 * @summary New password and its repetition, for the token of an e-mailed link.
 */
export class SetPasswordScreen extends ScreenElement {
  /** The single-use token from the e-mailed link. */
  @property() token = '';

  @state() private errors: PasswordErrors = {};
  @state() private error = '';
  @state() private busy = false;

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Elija su contraseña', { id: 'set_password.heading' })}</h2>
      <div role="alert">
        ${this.error ? html`<p id="form-error" class="status error" tabindex="-1">${this.error}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.handleSubmit}>
        ${renderNewPasswordFields(this.errors)}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Guardar la contraseña', { id: 'set_password.submit' })}
          </button>
          ${
            this.error
              ? html`<button class="link" type="button" @click=${this.handleNewLink}>
                  ${msg('Pedir un enlace nuevo', { id: 'set_password.new_link' })}
                </button>`
              : nothing
          }
        </div>
      </form>
    `;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const password = String(data.get('password'));
    this.error = '';
    this.errors = checkNewPassword(password, String(data.get('repeat')));
    if (this.errors.password || this.errors.repeat) {
      await this.focusWhenRendered('[aria-invalid="true"]');
      return;
    }
    this.busy = true;
    try {
      const customer = await this.client.resetPassword(this.token, password);
      this.dispatchEvent(new LoggedInEvent(customer, passwordChanged));
    } catch (error) {
      const field = error instanceof ApiRequestError ? error.fields?.password : undefined;
      if (field) {
        this.errors = { password: newPasswordMessage(field) };
        void this.focusWhenRendered('#new-password');
      } else {
        this.error = errorMessage(error);
        void this.focusWhenRendered('#form-error');
      }
    } finally {
      this.busy = false;
    }
  }

  private handleNewLink() {
    this.navigate({ screen: 'forgot-password' });
  }
}

defineElement('sp-set-password-screen', SetPasswordScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-set-password-screen': SetPasswordScreen;
  }
}
