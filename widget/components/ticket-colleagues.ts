/**
 * @module
 * `<sp-ticket-colleagues>`: who is in copy of a ticket and, for its requester and colleagues
 * while it is open, putting more colleagues in copy.
 */
import { localized, msg } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { TicketDetails } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { TicketUpdatedEvent } from '../events/ticket-updated.ts';
import { errorMessage } from '../i18n/errors.ts';
import { noticeText, type Notice } from '../i18n/notice.ts';
import { exportParts } from '../parts.ts';
import { shared } from '../styles/shared.ts';
import type { ColleaguePicker } from './colleague-picker.ts';
import './colleague-picker.ts';

/**
 * @summary The names in copy and, as one action, an "add people" button that opens the list of
 * colleagues, with the button that puts the chosen in copy under it.
 *
 * @event {TicketUpdatedEvent} sp-ticket-updated - Colleagues were added; `detail: { ticket }`.
 */
@localized()
export class TicketColleagues extends LitElement {
  static override styles = shared;

  /** The portal's API client. */
  @property({ attribute: false }) client!: ApiClient;

  /** The ticket as the customer sees it. */
  @property({ attribute: false }) ticket!: TicketDetails;

  @state() private busy = false;
  @state() private error = '';
  @state() private done: Notice = null;

  @query('sp-colleague-picker') private picker?: ColleaguePicker;

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const add = this.picker?.value ?? [];
    if (this.busy || !this.picker) return;
    if (!add.length) {
      this.error = msg('Elija primero a quién poner en copia.', { id: 'colleagues.choose' });
      return;
    }
    this.busy = true;
    this.error = '';
    this.done = null;
    try {
      const ticket = await this.client.addColleagues(this.ticket.number, add);
      this.picker.clear();
      this.picker.open = false;
      this.done = () => msg('Colegas añadidos a la copia.', { id: 'colleagues.added' });
      this.dispatchEvent(new TicketUpdatedEvent({ ticket }));
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const ticket = this.ticket;
    const canAdd = ticket.status !== 'closed' && ticket.role !== 'manager';
    return html`
      ${
        ticket.colleagues.length
          ? html`<ul class="colleagues">
              ${ticket.colleagues.map((colleague) => html`<li>${colleague.name}</li>`)}
            </ul>`
          : html`<p class="muted">${msg('Nadie en copia.', { id: 'colleagues.nobody' })}</p>`
      }
      ${
        canAdd
          ? html`<form novalidate @submit=${this.handleSubmit}>
              <sp-colleague-picker
                exportparts=${exportParts('colleague-picker')}
                .client=${this.client}
                .exclude=${[ticket.requester.id, ...ticket.colleagues.map((colleague) => colleague.id)]}
                label=${msg('Añadir colegas', { id: 'colleagues.add' })}
                ?disabled=${this.busy}
              >
                <div slot="actions" class="actions">
                  <button type="submit" class="primary" ?disabled=${this.busy}>
                    ${msg('Poner en copia', { id: 'colleagues.submit' })}
                  </button>
                </div>
              </sp-colleague-picker>
              ${this.error ? html`<p class="status error" role="alert">${this.error}</p>` : nothing}
              <p class="status success" role="status">${noticeText(this.done)}</p>
            </form>`
          : nothing
      }
    `;
  }
}

defineElement('sp-ticket-colleagues', TicketColleagues);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-colleagues': TicketColleagues;
  }
}
