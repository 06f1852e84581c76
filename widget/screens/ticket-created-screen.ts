/**
 * @module
 * `<sp-ticket-created-screen>`: the summary right after a ticket was registered.
 */
import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { TicketDetails } from '../../contract/types.ts';
import { defineElement } from '../define.ts';
import '../components/status-badge.ts';
import { formatBytes, formatDateTime, urgencyLabel } from '../i18n/labels.ts';
import { shared } from '../styles/shared.ts';
import { ticketTextStyles } from './ticket-text.styles.ts';
import { TicketScreenElement } from './ticket-screen.ts';

/**
 * @summary Confirms the new ticket's number and shows what was registered (category, urgency,
 * description, file) and when to expect support's first answer, with the way on: add information, see the ticket, or go home.
 *
 * @event {NavigateEvent} sp-navigate - To the ticket (its reply box focused, or not) or `home`.
 *
 * @csspart summary - The list of what was registered.
 * @csspart actions - The buttons that lead on.
 */
@localized()
export class TicketCreatedScreen extends TicketScreenElement {
  static override styles = [shared, ticketTextStyles];

  private handleAddInformation(): void {
    this.navigate({ screen: 'ticket', number: this.number, reply: true });
  }

  private handleView(): void {
    this.navigate({ screen: 'ticket', number: this.number });
  }

  private handleHome(): void {
    this.navigate({ screen: 'home' });
  }

  protected override render() {
    return html`
      <h2 tabindex="-1">${msg('Ticket registrado', { id: 'ticketCreated.heading' })}</h2>
      ${this.ticket ? this.renderSummary(this.ticket) : this.renderLoadState()}
    `;
  }

  private renderSummary(ticket: TicketDetails) {
    const number = String(ticket.number);
    return html`
      <p class="status success" role="status">
        ${msg(str`Su ticket se ha registrado con el número ${number}.`, {
          id: 'ticketCreated.confirmation',
        })}
      </p>
      <dl class="facts" part="summary">
        <dt>${msg('Número de ticket', { id: 'ticketCreated.number' })}</dt>
        <dd class="number">${number}</dd>
        <dt>${msg('Fecha de creación', { id: 'ticketCreated.createdAt' })}</dt>
        <dd>${formatDateTime(ticket.createdAt)}</dd>
        <dt>${msg('Categoría', { id: 'ticketCreated.category' })}</dt>
        <dd>${ticket.category.path.join(' › ')}</dd>
        <dt>${msg('Urgencia', { id: 'ticketCreated.urgency' })}</dt>
        <dd>${urgencyLabel(ticket.urgency)}</dd>
        <dt>${msg('Estado', { id: 'ticketCreated.status' })}</dt>
        <dd><sp-status-badge status=${ticket.status}></sp-status-badge></dd>
        ${
          ticket.firstResponseDueAt && !ticket.firstRespondedAt
            ? html`<dt>${msg('Primera respuesta prevista', { id: 'details.firstResponseDue' })}</dt>
                <dd class="first-response">
                  <time datetime=${ticket.firstResponseDueAt}
                    >${formatDateTime(ticket.firstResponseDueAt)}</time
                  >
                </dd>`
            : nothing
        }
        <dt>${msg('Descripción', { id: 'ticketCreated.description' })}</dt>
        <dd class="text">${ticket.description}</dd>
        ${
          ticket.additions.length
            ? html`<dt>${msg('Información añadida', { id: 'ticketCreated.additions' })}</dt>
                ${ticket.additions.map((addition) => html`<dd class="text">${addition.text}</dd>`)}`
            : nothing
        }
        <dt>${msg('Archivos adjuntos', { id: 'ticketCreated.attachments' })}</dt>
        ${
          ticket.attachments.length
            ? ticket.attachments.map(
                (file) => html`<dd>${file.name} (${formatBytes(file.size)})</dd>`,
              )
            : html`<dd>${msg('Ninguno', { id: 'ticketCreated.noAttachments' })}</dd>`
        }
      </dl>
      <div class="actions" part="actions">
        <button class="primary" type="button" @click=${this.handleAddInformation}>
          ${msg('Añadir información', { id: 'ticketCreated.addInformation' })}
        </button>
        <button type="button" @click=${this.handleView}>
          ${msg('Ver el ticket', { id: 'ticketCreated.view' })}
        </button>
        <button type="button" @click=${this.handleHome}>
          ${msg('Volver al inicio', { id: 'ticketCreated.home' })}
        </button>
      </div>
    `;
  }
}

defineElement('sp-ticket-created-screen', TicketCreatedScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-created-screen': TicketCreatedScreen;
  }
}
