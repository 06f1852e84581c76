/**
 * @module
 * `<sp-set-password-screen>`: opened by the e-mailed link (`#sp/set-password/<token>` on the
 * host page); the customer chooses a password and, once accepted, lands on the home screen.
 *
 * Not wired yet: the API has no endpoint that takes the token. The accounts issue adds it and
 * replaces `handleSubmit`'s notice with the request (then the `sp-logged-in` event with the
 * customer it returns).
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineElement } from '../define.ts';
import { ScreenElement } from './screen.ts';
import {
  checkNewPassword,
  renderNewPasswordFields,
  type PasswordErrors,
} from './password-fields.ts';

/**
 * @summary New password and its repetition, for the token of an e-mailed link.
 */
export class SetPasswordScreen extends ScreenElement {
  /** The single-use token from the e-mailed link. */
  @property() token = '';

  @state() private errors: PasswordErrors = {};
  @state() private notice = '';

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Elija su contraseña', { id: 'set_password.heading' })}</h2>
      <div role="status">${this.notice ? html`<p class="status">${this.notice}</p>` : nothing}</div>
      <form novalidate @submit=${this.handleSubmit}>
        ${renderNewPasswordFields(this.errors)}
        <div class="actions">
          <button class="primary" type="submit">
            ${msg('Guardar la contraseña', { id: 'set_password.submit' })}
          </button>
        </div>
      </form>
    `;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    this.errors = checkNewPassword(String(data.get('password')), String(data.get('repeat')));
    if (this.errors.password || this.errors.repeat) {
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.notice = msg(
      'Este portal todavía no permite elegir la contraseña desde un enlace. Póngase en contacto con nosotros.',
      { id: 'set_password.unavailable' },
    );
  }
}

defineElement('sp-set-password-screen', SetPasswordScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-set-password-screen': SetPasswordScreen;
  }
}
