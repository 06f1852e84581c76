/**
 * @module
 * `<sp-login-screen>`: e-mail and password. Fields carry the autocomplete tokens password
 * managers look for, and paste is never blocked (WCAG 2.2, 3.3.8).
 */
import { msg } from '@lit/localize';
import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineElement } from '../define.ts';
import { LoggedInEvent } from '../events/logged-in.ts';
import { errorMessage } from '../i18n/errors.ts';
import { ApiRequestError } from '../api/client.ts';
import { ScreenElement } from './screen.ts';

/**
 * @summary Logs a customer in; fires `sp-logged-in` for the root element.
 */
export class LoginScreen extends ScreenElement {
  @state() private busy = false;
  @state() private error = '';
  @state() private invalid: 'email' | 'password' | 'both' | null = null;

  override render() {
    const describedBy = this.error ? 'login-error' : undefined;
    return html`
      <h2 tabindex="-1">${msg('Entrar', { id: 'login.heading' })}</h2>
      <p class="muted">
        ${msg('Entre con el correo electrónico y la contraseña de su cuenta de cliente.', {
          id: 'login.intro',
        })}
      </p>
      <p id="login-error" class="status error" role="alert" tabindex="-1">${this.error}</p>
      <form novalidate @submit=${this.handleSubmit}>
        <div class="field">
          <label for="email">${msg('Correo electrónico', { id: 'login.email' })}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            aria-invalid=${this.invalid === 'email' || this.invalid === 'both' ? 'true' : 'false'}
            aria-describedby=${ifDefined(describedBy)}
          />
        </div>
        <div class="field">
          <label for="password">${msg('Contraseña', { id: 'login.password' })}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${this.invalid === 'password' || this.invalid === 'both' ? 'true' : 'false'}
            aria-describedby=${ifDefined(describedBy)}
          />
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Entrar', { id: 'login.submit' })}
          </button>
          <button class="link" type="button" @click=${this.handleForgot}>
            ${msg('¿Ha olvidado su contraseña o es su primer acceso?', { id: 'login.forgot' })}
          </button>
        </div>
      </form>
    `;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this.invalid = !email && !password ? 'both' : !email ? 'email' : 'password';
      this.error = msg('Escriba su correo electrónico y su contraseña.', { id: 'login.missing' });
      form
        .querySelector<HTMLInputElement>(this.invalid === 'password' ? '#password' : '#email')
        ?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    this.invalid = null;
    try {
      const customer = await this.client.login(email, password);
      this.dispatchEvent(new LoggedInEvent(customer));
    } catch (error) {
      this.error = errorMessage(error);
      if (error instanceof ApiRequestError && error.code === 'invalid_credentials') {
        this.invalid = 'both';
      }
      void this.focusWhenRendered('#login-error');
    } finally {
      this.busy = false;
    }
  }

  private handleForgot() {
    this.navigate({ screen: 'forgot-password' });
  }
}

defineElement('sp-login-screen', LoginScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-login-screen': LoginScreen;
  }
}
