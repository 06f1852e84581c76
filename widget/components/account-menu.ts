/**
 * @module
 * `<sp-account-menu>`: the customer's name in the portal's header, a disclosure button that
 * shows their account settings (ticket e-mails, password) and the way out.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Customer } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { loadAllMessages } from '../i18n/localization.ts';
import { NavigateEvent } from '../navigation.ts';
import { headerControl } from '../styles/header-control.ts';

/**
 * @summary A disclosure button (`aria-expanded`) named after the customer; it opens a panel
 * under it with the e-mail notifications checkbox, "change password" and "log out". Escape, or
 * focus leaving the menu, closes it; Escape returns focus to the button. The panel's checkbox is
 * a chunk loaded the first time it opens.
 *
 * @event {NavigateEvent} sp-navigate - "Change password" was chosen.
 * @event {ProfileChangedEvent} sp-profile-changed - From the notifications checkbox, bubbling.
 *
 * @csspart toggle - The button with the customer's name.
 * @csspart panel - The panel it opens.
 */
@localized()
export class AccountMenu extends LitElement {
  static override styles = css`
    /* The panel is placed against the header (positioned), not this narrow button. */
    :host {
      display: inline-flex;
      min-width: 0;
    }

    button {
      ${headerControl}
    }

    /* The name ends in "…" rather than push the header onto a third row. */
    [part='toggle'] {
      display: inline-flex;
      align-items: center;
      gap: 0.375em;
      min-width: 0;
      max-width: 100%;
    }

    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .caret {
      flex: none;
    }

    [aria-expanded='true'] .caret {
      transform: rotate(180deg);
    }

    [part='panel'] {
      position: absolute;
      inset-inline-end: var(--_space);
      top: calc(100% - 0.25em);
      z-index: 10;
      width: min(20em, calc(100% - 2 * var(--_space)));
      display: grid;
      gap: 0.75em;
      padding: 1em;
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 0.5em 1.5em rgb(0 0 0 / 0.2);
    }

    .link {
      justify-self: start;
      padding-inline: 0;
      border-color: transparent;
      background: transparent;
      color: var(--_primary);
      text-decoration: underline;
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }

    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
  `;

  /** The portal's API client, for the notifications checkbox. */
  @property({ attribute: false }) client!: ApiClient;

  /** The logged-in customer. */
  @property({ attribute: false }) customer!: Customer;

  /** Logs the customer out; given by `<support-portal>`. */
  @property({ attribute: false }) logout: () => void = () => undefined;

  @state() private open = false;

  @query('[part="toggle"]') private toggleButton!: HTMLButtonElement;

  private async handleToggle(): Promise<void> {
    if (this.open) {
      this.open = false;
      return;
    }
    await Promise.all([import('../screens/notifications-toggle.ts'), loadAllMessages()]);
    this.open = true;
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.open = false;
    this.toggleButton.focus();
  }

  /** Focus moving out of the menu (Tab past its end, a click elsewhere) closes it. */
  private handleFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && (this.contains(next) || this.renderRoot.contains(next))) return;
    if (next) this.open = false;
  }

  private handleChangePassword(): void {
    this.open = false;
    this.dispatchEvent(new NavigateEvent({ screen: 'change-password' }));
  }

  protected override render() {
    return html`
      <button
        type="button"
        part="toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.handleToggle}
        @keydown=${this.handleKeydown}
      >
        <span class="visually-hidden">${msg('Cuenta:', { id: 'account.menu' })}</span>
        <span class="name">${this.customer.name}</span>
        <span class="caret" aria-hidden="true">▾</span>
      </button>
      ${
        this.open
          ? html`<div
              id="panel"
              part="panel"
              @keydown=${this.handleKeydown}
              @focusout=${this.handleFocusOut}
            >
              <sp-notifications-toggle
                .client=${this.client}
                .customer=${this.customer}
              ></sp-notifications-toggle>
              ${
                // A customer who signs in only through a partner has no password to change.
                this.customer.hasPassword
                  ? html`<button class="link" type="button" @click=${this.handleChangePassword}>
                      ${msg('Cambiar la contraseña', { id: 'account.changePassword' })}
                    </button>`
                  : nothing
              }
              <button type="button" @click=${() => this.logout()}>
                ${msg('Salir', { id: 'portal.logout' })}
              </button>
            </div>`
          : nothing
      }
    `;
  }
}

defineElement('sp-account-menu', AccountMenu);

declare global {
  interface HTMLElementTagNameMap {
    'sp-account-menu': AccountMenu;
  }
}
