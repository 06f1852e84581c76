/**
 * @module
 * `<sp-ticket-details-screen>`: one ticket as the customer sees it: its facts (status, category,
 * urgency, dates, when to expect a first answer), the conversation with the reply box under it,
 * the attachments, the people in copy and the timeline.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AttachmentInfo, TicketDetails } from '../../contract/types.ts';
import '../components/attach-file.ts';
import '../components/status-badge.ts';
import '../components/ticket-thread.ts';
import '../components/ticket-colleagues.ts';
import { defineElement } from '../define.ts';
import type { TicketUpdatedEvent } from '../events/ticket-updated.ts';
import { errorMessage } from '../i18n/errors.ts';
import { exportParts } from '../parts.ts';
import { formatBytes, formatDateTime, urgencyLabel } from '../i18n/labels.ts';
import { downloadIcon } from '../styles/icons.ts';
import { shared } from '../styles/shared.ts';
import { autoAcceptDeadline } from './auto-accept.ts';
import { ScreenElement } from './screen.ts';
import { detailsStyles } from './ticket-details.styles.ts';
import { renderFollowUps } from './ticket-follow-ups.ts';
import './ticket-rating.ts';
import './ticket-reply-box.ts';
import { renderTimeline } from './ticket-timeline.ts';
import { saveBlob } from '../save-blob.ts';

/**
 * @summary Everything about one ticket; while it is open, the reply box (focused when `reply`
 * is set: the list's pen action), the answer to a proposed solution and another file.
 */
export class TicketDetailsScreen extends ScreenElement {
  static override styles = [shared, detailsStyles];

  /** The ticket's number. */
  @property({ type: Number }) number = 0;

  /** Focus goes to the reply box once the ticket is shown (to its heading if it takes none). */
  @property({ type: Boolean }) reply = false;

  @state() private ticket: TicketDetails | null = null;
  @state() private error = '';
  @state() private status = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('number') || changed.has('client')) && this.client && this.number) {
      void this.load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('reply') && this.reply && this.ticket && !changed.has('number')) {
      void this.focusReply();
    }
  }

  private async focusReply(): Promise<void> {
    await this.updateComplete;
    const box = this.renderRoot.querySelector('sp-ticket-reply-box');
    await (box ? box.focusText() : this.focusHeading());
  }

  override render() {
    const number = this.number;
    return html`
      <h2 tabindex="-1">${msg(str`Ticket ${number}`, { id: 'ticket.number' })}</h2>
      ${this.ticket ? html`<p class="title">${this.ticket.title}</p>` : nothing}
      <div role="status" aria-live="polite">
        ${this.status ? html`<p class="status">${this.status}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="status error" role="alert">${this.error}</p>` : nothing}
      ${this.ticket ? this.renderTicket(this.ticket) : nothing}
      <div class="actions back">
        <button class="link" type="button" @click=${this.handleBack}>
          ${
            this.ticket?.status === 'closed'
              ? msg('Volver a los tickets cerrados', { id: 'ticket.back_closed' })
              : msg('Volver a los tickets abiertos', { id: 'ticket.back_open' })
          }
        </button>
      </div>
    `;
  }

  private renderTicket(ticket: TicketDetails) {
    const open = ticket.status !== 'closed';
    // Managers only read; colleagues in copy add but only the requester answers the solution.
    const canAdd = open && ticket.role !== 'manager';
    return html`
      <div class="layout">
        <dl class="facts">
          <div>
            <dt>${msg('Estado', { id: 'details.status' })}</dt>
            <dd>
              <sp-status-badge status=${ticket.status}></sp-status-badge>
            </dd>
          </div>
          <div>
            <dt>${msg('Categoría', { id: 'details.category' })}</dt>
            <dd>${ticket.category.path.join(' › ')}</dd>
          </div>
          <div>
            <dt>${msg('Urgencia', { id: 'details.urgency' })}</dt>
            <dd>${urgencyLabel(ticket.urgency)}</dd>
          </div>
          <div>
            <dt>${msg('Creado', { id: 'details.created' })}</dt>
            <dd><time datetime=${ticket.createdAt}>${formatDateTime(ticket.createdAt)}</time></dd>
          </div>
          <div>
            <dt>${msg('Última actualización', { id: 'details.updated' })}</dt>
            <dd><time datetime=${ticket.updatedAt}>${formatDateTime(ticket.updatedAt)}</time></dd>
          </div>
          ${
            open && ticket.firstResponseDueAt && !ticket.firstRespondedAt
              ? html`<div>
                  <dt>${msg('Primera respuesta prevista', { id: 'details.firstResponseDue' })}</dt>
                  <dd>
                    <time datetime=${ticket.firstResponseDueAt}
                      >${formatDateTime(ticket.firstResponseDueAt)}</time
                    >
                  </dd>
                </div>`
              : nothing
          }
          ${
            ticket.role !== 'requester'
              ? html`<div>
                  <dt>${msg('Solicitante', { id: 'details.requester' })}</dt>
                  <dd>${ticket.requester.name}</dd>
                </div>`
              : nothing
          }
          ${
            ticket.closedAt
              ? html`<div>
                  <dt>${msg('Cerrado', { id: 'details.closed' })}</dt>
                  <dd>
                    <time datetime=${ticket.closedAt}>${formatDateTime(ticket.closedAt)}</time>
                  </dd>
                </div>`
              : nothing
          }
        </dl>

        <div class="conversation">
          <section aria-labelledby="thread-heading">
            <h3 id="thread-heading">${msg('Conversación', { id: 'details.thread' })}</h3>
            <sp-ticket-thread
              exportparts=${exportParts('ticket-thread')}
              .client=${this.client}
              .ticket=${ticket}
            ></sp-ticket-thread>
            ${
              ticket.solutionPending && ticket.role === 'requester'
                ? html`<div class="solution">
                    <p>${this.autoAcceptNote(ticket)}</p>
                    <button class="primary" type="button" @click=${this.handleSolution}>
                      ${msg('Aceptar o rechazar la solución', { id: 'details.answer_solution' })}
                    </button>
                  </div>`
                : nothing
            }
            ${
              canAdd
                ? html`<sp-ticket-reply-box
                    exportparts=${exportParts('ticket-reply-box', ['file-picker', 'upload-progress'])}
                    .client=${this.client}
                    .config=${this.config}
                    .customer=${this.customer}
                    .instance=${this.instance}
                    .number=${ticket.number}
                    @sp-ticket-updated=${this.handleUpdated}
                  ></sp-ticket-reply-box>`
                : nothing
            }
          </section>

          ${
            open
              ? nothing
              : html`<sp-ticket-rating
                  .client=${this.client}
                  .ticket=${ticket}
                  @sp-ticket-updated=${this.handleUpdated}
                ></sp-ticket-rating>`
          }
          ${renderFollowUps(ticket, (route) => this.navigate(route))}

          <section aria-labelledby="attachments-heading">
            <h3 id="attachments-heading">
              ${msg('Archivos adjuntos', { id: 'details.attachments' })}
            </h3>
            ${
              ticket.attachments.length
                ? html`<ul class="attachments">
                    ${ticket.attachments.map((file) => this.renderAttachment(file))}
                  </ul>`
                : html`<p class="muted">
                    ${msg('No hay archivos adjuntos.', { id: 'details.no_attachments' })}
                  </p>`
            }
            ${
              canAdd && customElements.get('sp-attach-file')
                ? html`<sp-attach-file
                    exportparts=${exportParts('attach-file', ['file-picker', 'upload-progress'])}
                    .client=${this.client}
                    .config=${this.config}
                    .number=${ticket.number}
                    ?first-file=${!ticket.attachments.length}
                    @sp-ticket-updated=${this.handleUpdated}
                  ></sp-attach-file>`
                : nothing
            }
          </section>

          <section aria-labelledby="timeline-heading">
            <h3 id="timeline-heading">${msg('Historial', { id: 'details.timeline' })}</h3>
            ${renderTimeline(ticket.timeline, this.config?.autoAcceptDays ?? null)}
          </section>
        </div>

        <section class="people" aria-labelledby="colleagues-heading">
          <h3 id="colleagues-heading">${msg('En copia', { id: 'details.colleagues' })}</h3>
          <sp-ticket-colleagues
            exportparts=${exportParts(null, ['colleague-picker'])}
            .client=${this.client}
            .ticket=${ticket}
            @sp-ticket-updated=${this.handleUpdated}
          ></sp-ticket-colleagues>
        </section>
      </div>
    `;
  }

  private renderAttachment(file: AttachmentInfo) {
    const name = file.name;
    return html`<li>
      <button
        type="button"
        aria-label=${msg(str`Descargar ${name}`, { id: 'details.download' })}
        @click=${() => this.handleDownload(file)}
      >
        ${downloadIcon}<span class="file-name">${name}</span>
      </button>
      <span class="muted">${formatBytes(file.size)} · ${formatDateTime(file.createdAt)}</span>
    </li>`;
  }

  /** The date the solution is accepted without an answer, as the solution screen says it. */
  private autoAcceptNote(ticket: TicketDetails): string {
    return (
      autoAcceptDeadline(ticket, this.config) ??
      msg('Si no responde, la solución se aceptará automáticamente.', {
        id: 'details.auto_accept',
      })
    );
  }

  private async load(): Promise<void> {
    const number = this.number;
    this.error = '';
    try {
      const ticket = await this.client.ticket(number);
      if (number !== this.number) return;
      this.ticket = ticket;
      if (this.reply) await this.focusReply();
    } catch (error) {
      this.ticket = null;
      this.error = errorMessage(error);
    }
  }

  private async handleDownload(file: AttachmentInfo) {
    const name = file.name;
    this.status = msg(str`Descargando ${name}…`, { id: 'details.downloading' });
    try {
      const blob = await this.client.downloadAttachment(this.number, file.id);
      saveBlob(this.renderRoot, blob, file.name);
      this.status = msg(str`${name} descargado.`, { id: 'details.downloaded' });
    } catch (error) {
      this.status = '';
      this.error = errorMessage(error);
    }
  }

  private handleUpdated(event: TicketUpdatedEvent) {
    this.ticket = event.detail.ticket;
  }

  private handleSolution() {
    this.navigate({ screen: 'solution', number: this.number });
  }

  private handleBack() {
    this.navigate({
      screen: 'tickets',
      state: this.ticket?.status === 'closed' ? 'closed' : 'open',
    });
  }
}

defineElement('sp-ticket-details-screen', TicketDetailsScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-details-screen': TicketDetailsScreen;
  }
}
