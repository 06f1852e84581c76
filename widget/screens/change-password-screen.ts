/**
 * @module
 * `<sp-change-password-screen>`: the logged-in customer changes their password, giving the
 * current one first.
 *
 * Not wired yet: the API has no change-password endpoint. The accounts issue adds it (ending the
 * customer's other sessions) and replaces `handleSubmit`'s notice with the request.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineElement } from '../define.ts';
import { fieldMessage } from '../i18n/errors.ts';
import { ScreenElement } from './screen.ts';
import {
  checkNewPassword,
  renderNewPasswordFields,
  type PasswordErrors,
} from './password-fields.ts';

/**
 * @summary Current password, new password and its repetition.
 */
export class ChangePasswordScreen extends ScreenElement {
  @state() private currentError = '';
  @state() private errors: PasswordErrors = {};
  @state() private notice = '';

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Cambiar la contraseña', { id: 'home.change_password' })}</h2>
      <div role="status">${this.notice ? html`<p class="status">${this.notice}</p>` : nothing}</div>
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
          <button class="primary" type="submit">
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
    this.currentError = data.get('current') ? '' : fieldMessage('required');
    this.errors = checkNewPassword(String(data.get('password')), String(data.get('repeat')));
    if (this.currentError || this.errors.password || this.errors.repeat) {
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.notice = msg('Este portal todavía no permite cambiar la contraseña.', {
      id: 'change_password.unavailable',
    });
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
