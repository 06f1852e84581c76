/**
 * @module
 * `<sp-change-password-screen>`: the logged-in customer changes their password, giving the
 * current one first.
 * The API ends every other session of the customer and gives this client a new token, so the
 * customer stays logged in here.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiRequestError } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { LoggedInEvent } from '../events/logged-in.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { ScreenElement } from './screen.ts';
import { passwordChanged } from './set-password-screen.ts';
import {
  checkNewPassword,
  newPasswordMessage,
  renderNewPasswordFields,
  type PasswordErrors,
} from './password-fields.ts';

/**
 * @summary Current password, new password and its repetition.
 */
export class ChangePasswordScreen extends ScreenElement {
  @state() private currentError = '';
  @state() private errors: PasswordErrors = {};
  @state() private error = '';
  @state() private busy = false;

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Cambiar la contraseña', { id: 'home.change_password' })}</h2>
      <div role="alert">
        ${this.error ? html`<p id="form-error" class="status error" tabindex="-1">${this.error}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.handleSubmit}>
        <input
          type="email"
          name="username"
          autocomplete="username"
          hidden
          .value=${this.customer?.email ?? ''}
        />
        <div class="field">
          <label for="current-password"
            >${msg('Contraseña actual', { id: 'password.current' })}</label
          >
          <input
            id="current-password"
            name="current"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${this.currentError ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.currentError ? 'current-password-error' : undefined)}
          />
          ${
            this.currentError
              ? html`<p id="current-password-error" class="field-error">${this.currentError}</p>`
              : nothing
          }
        </div>
        ${renderNewPasswordFields(this.errors)}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Cambiar la contraseña', { id: 'home.change_password' })}
          </button>
          <button class="link" type="button" @click=${this.handleCancel}>
            ${msg('Cancelar', { id: 'common.cancel' })}
          </button>
        </div>
      </form>
    `;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const password = String(data.get('password'));
    this.error = '';
    this.currentError = current ? '' : fieldMessage('required');
    this.errors = checkNewPassword(password, String(data.get('repeat')));
    if (this.currentError || this.errors.password || this.errors.repeat) {
      await this.focusWhenRendered('[aria-invalid="true"]');
      return;
    }
    this.busy = true;
    try {
      const customer = await this.client.changePassword(current, password);
      this.dispatchEvent(new LoggedInEvent(customer, passwordChanged));
    } catch (error) {
      const fields = error instanceof ApiRequestError ? error.fields : undefined;
      if (fields?.currentPassword || fields?.newPassword) {
        this.currentError = fields.currentPassword ? fieldMessage(fields.currentPassword) : '';
        this.errors = fields.newPassword
          ? { password: newPasswordMessage(fields.newPassword) }
          : {};
        void this.focusWhenRendered('[aria-invalid="true"]');
      } else {
        this.error = errorMessage(error);
        void this.focusWhenRendered('#form-error');
      }
    } finally {
      this.busy = false;
    }
  }

  private handleCancel() {
    this.navigate({ screen: 'home' });
  }
}

defineElement('sp-change-password-screen', ChangePasswordScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-change-password-screen': ChangePasswordScreen;
  }
}
