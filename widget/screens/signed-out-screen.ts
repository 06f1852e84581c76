/**
 * @module
 * `<sp-signed-out-screen>`: what a partner single sign-on user sees after signing out. They
 * have no password, so no login screen: a "Sign in again" button when the host page still gives
 * the portal a token, else how to come back.
 */
import { msg } from '@lit/localize';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../define.ts';
import { ScreenElement } from './screen.ts';

/** Asks `<support-portal>` to exchange the host's token again. Stays inside the widget. */
export class SignInAgainEvent extends Event {
  static readonly type = 'sp-sign-in-again';

  constructor() {
    super(SignInAgainEvent.type, { bubbles: true, composed: true });
  }
}

/** @summary The "Signed out" screen of a partner single sign-on session. */
export class SignedOutScreen extends ScreenElement {
  /** Whether the host page still provides a token to sign in with. */
  @property({ type: Boolean }) canSignIn = false;

  /** While the token is being exchanged. */
  @property({ type: Boolean }) busy = false;

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Sesión cerrada', { id: 'signedOut.heading' })}</h2>
      <p>${msg('Ha salido del portal de soporte.', { id: 'signedOut.text' })}</p>
      ${
        this.canSignIn
          ? html`<div class="actions">
              <button
                class="primary"
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.dispatchEvent(new SignInAgainEvent())}
              >
                ${msg('Volver a entrar', { id: 'signedOut.signIn' })}
              </button>
            </div>`
          : html`<p>
              ${msg('Para volver a entrar, vuelva a abrir esta página.', {
                id: 'signedOut.reload',
              })}
            </p>`
      }
    `;
  }
}

defineElement('sp-signed-out-screen', SignedOutScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-signed-out-screen': SignedOutScreen;
  }
  interface HTMLElementEventMap {
    'sp-sign-in-again': SignInAgainEvent;
  }
}
