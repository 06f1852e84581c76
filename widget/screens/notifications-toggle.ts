/**
 * @module
 * `<sp-notifications-toggle>`: whether the customer gets an e-mail when the service desk
 * proposes a solution, comments on or closes one of their tickets. Saved to the profile at once.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Customer } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { ProfileChangedEvent } from '../events/profile-changed.ts';
import { errorMessage } from '../i18n/errors.ts';
import { noticeText, type Notice } from '../i18n/notice.ts';
import { shared } from '../styles/shared.ts';

/**
 * @summary A checkbox for ticket e-mail notifications, saved with `PATCH /api/me`.
 * @fires {ProfileChangedEvent} sp-profile-changed - The profile was saved.
 */
@localized()
export class NotificationsToggle extends LitElement {
  static override styles = [
    shared,
    css`
      label {
        display: flex;
        align-items: center;
        gap: 0.5em;
        min-height: 2.75em;
      }
      /* A 24 px target in the brand colour; it keeps its size beside a label that wraps. */
      input {
        flex: none;
        width: 1.5em;
        height: 1.5em;
        min-height: 0;
        margin: 0;
        accent-color: var(--_primary);
        cursor: pointer;
      }
    `,
  ];

  @property({ attribute: false }) client!: ApiClient;
  @property({ attribute: false }) customer: Customer | null = null;

  @state() private saving = false;
  @state() private status: Notice = null;
  @state() private error = '';

  override render() {
    return html`
      <label>
        <input
          type="checkbox"
          .checked=${this.customer?.notifications ?? true}
          aria-describedby="notifications-hint"
          @click=${this.handleClick}
          @change=${this.handleChange}
        />
        ${msg('Avisarme por correo electrónico de mis tickets', { id: 'notifications.label' })}
      </label>
      <p id="notifications-hint" class="muted">
        ${msg(
          'Cuando el servicio de atención proponga una solución, añada un comentario o cierre un ticket.',
          { id: 'notifications.hint' },
        )}
      </p>
      <div role="status">
        ${this.status ? html`<p class="status">${noticeText(this.status)}</p>` : nothing}
      </div>
      <div role="alert">
        ${this.error ? html`<p class="status error">${this.error}</p>` : nothing}
      </div>
    `;
  }

  /**
   * Not disabled while saving: a disabled checkbox loses focus to the page's body. A click
   * meanwhile changes nothing.
   */
  private handleClick(event: Event) {
    if (this.saving) event.preventDefault();
  }

  private async handleChange(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const notifications = input.checked;
    this.saving = true;
    this.status = null;
    this.error = '';
    try {
      const customer = await this.client.updateProfile({ notifications });
      this.customer = customer;
      this.status = () =>
        notifications
          ? msg('Le avisaremos por correo electrónico.', { id: 'notifications.on' })
          : msg('Ya no le enviaremos avisos por correo electrónico.', { id: 'notifications.off' });
      this.dispatchEvent(new ProfileChangedEvent(customer));
    } catch (error) {
      input.checked = !notifications;
      this.error = errorMessage(error);
    } finally {
      this.saving = false;
    }
  }
}

defineElement('sp-notifications-toggle', NotificationsToggle);

declare global {
  interface HTMLElementTagNameMap {
    'sp-notifications-toggle': NotificationsToggle;
  }
}
