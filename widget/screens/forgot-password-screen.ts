/**
 * @module
 * `<sp-forgot-password-screen>`: forgotten password and first access. The customer gives their
 * e-mail; a proof-of-work captcha solves itself meanwhile (loaded only on this screen); the API
 * answers the same way whether or not the address exists, and so does this screen.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiRequestError } from '../api/client.ts';
import '../components/captcha.ts';
import type { Captcha, CaptchaChangeEvent } from '../components/captcha.ts';
import { defineElement } from '../define.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { currentLanguage } from '../i18n/localization.ts';
import { ScreenElement } from './screen.ts';

/** The page the request comes from, without its hash: the e-mailed link opens it again. */
function thisPage(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

/**
 * @summary Asks for the e-mail to which a set-password link is sent.
 */
export class ForgotPasswordScreen extends ScreenElement {
  @state() private emailError = '';
  @state() private notice = '';
  @state() private error = '';
  @state() private busy = false;

  /** The e-mail waiting for the captcha to be solved, when the customer was quicker than it. */
  private pending: string | null = null;

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Recuperar el acceso', { id: 'forgot.heading' })}</h2>
      <p>
        ${msg(
          'Escriba el correo electrónico de su cuenta. Si está registrado, le enviaremos un enlace para elegir una contraseña nueva. Sirve también para su primer acceso.',
          { id: 'forgot.intro' },
        )}
      </p>
      <div role="status">
        ${this.notice ? html`<p id="notice" class="status" tabindex="-1">${this.notice}</p>` : nothing}
      </div>
      <div role="alert">
        ${this.error ? html`<p id="form-error" class="status error" tabindex="-1">${this.error}</p>` : nothing}
      </div>
      <form novalidate @submit=${this.handleSubmit}>
        <div class="field">
          <label for="email">${msg('Correo electrónico', { id: 'login.email' })}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            aria-invalid=${this.emailError ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.emailError ? 'email-error' : undefined)}
          />
          ${
            this.emailError
              ? html`<p id="email-error" class="field-error">${this.emailError}</p>`
              : nothing
          }
        </div>
        <sp-captcha
          class="captcha"
          data-captcha
          .challengeUrl=${this.client.captchaUrl}
          .language=${currentLanguage()}
          @sp-captcha-change=${this.handleCaptcha}
        ></sp-captcha>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Enviar el enlace', { id: 'forgot.submit' })}
          </button>
          <button class="link" type="button" @click=${this.handleBack}>
            ${msg('Volver a entrar', { id: 'forgot.back' })}
          </button>
        </div>
      </form>
    `;
  }

  private get captcha(): Captcha {
    return this.renderRoot.querySelector('sp-captcha')!;
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input')!;
    const email = input.value.trim();
    this.error = '';
    if (!email) {
      this.emailError = fieldMessage('required');
      input.focus();
      return;
    }
    this.emailError = '';
    if (this.captcha.payload) {
      void this.send(email, this.captcha.payload);
    } else {
      this.pending = email;
      this.busy = true;
      this.notice = msg('Comprobando que no es un robot…', { id: 'forgot.verifying' });
    }
  }

  private handleCaptcha(event: CaptchaChangeEvent) {
    if (event.payload && this.pending) {
      const email = this.pending;
      this.pending = null;
      void this.send(email, event.payload);
    }
  }

  private async send(email: string, captcha: string) {
    this.busy = true;
    this.notice = '';
    try {
      await this.client.forgotPassword(email, captcha, thisPage());
      this.notice = msg(
        'Si el correo electrónico está registrado, le hemos enviado un enlace para elegir su contraseña. Caduca en una hora.',
        { id: 'forgot.sent' },
      );
      void this.focusWhenRendered('#notice');
    } catch (error) {
      const field = error instanceof ApiRequestError ? error.fields?.email : undefined;
      if (field) this.emailError = fieldMessage(field);
      else this.error = errorMessage(error);
      void this.focusWhenRendered(field ? '#email' : '#form-error');
    } finally {
      this.busy = false;
      // A solved challenge is accepted once: the next request needs a fresh one.
      this.captcha.reset();
    }
  }

  private handleBack() {
    this.navigate({ screen: 'login' });
  }
}

defineElement('sp-forgot-password-screen', ForgotPasswordScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-forgot-password-screen': ForgotPasswordScreen;
  }
}
