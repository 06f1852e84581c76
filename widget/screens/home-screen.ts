/**
 * @module
 * `<sp-home-screen>`: where a logged-in customer starts: the tickets waiting for their reply
 * first, how many tickets have a new reply, then register a ticket, see open and closed tickets
 * (e-mail notifications and the password are in the header's account menu).
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { TicketCounts, TicketSummary } from '../../contract/types.ts';
import '../components/status-badge.ts';
import { defineElement } from '../define.ts';
import { replyIcon } from '../styles/icons.ts';
import { shared } from '../styles/shared.ts';
import { ScreenElement } from './screen.ts';

/**
 * @summary The three main actions of the portal, as large targets.
 */
export class HomeScreen extends ScreenElement {
  static override styles = [
    shared,
    css`
      .choices {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--_space);
        display: grid;
        gap: var(--_space);
        grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
      }

      .choices button {
        width: 100%;
        min-height: 5em;
        flex-direction: column;
        align-items: flex-start;
        text-align: start;
        padding: 1em;
      }

      .choices button span {
        font-weight: 400;
        color: var(--_text);
      }

      .choices button.primary span {
        color: inherit;
      }

      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25em 1.5em;
        margin: 0 0 var(--_space);
        padding: 0;
        list-style: none;
      }

      .counts li {
        display: flex;
        align-items: center;
        gap: 0.375em;
        font-weight: 600;
      }

      .waiting {
        margin: 0 0 var(--_space);
        padding: 0.75em 1em;
        border: 1px solid var(--_border);
        border-inline-start: 0.375em solid var(--_status-waiting-color);
        border-radius: var(--_radius);
      }

      .waiting h3 {
        margin: 0 0 0.5em;
      }

      .waiting ul {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.5em;
        margin: 0;
      }

      .waiting li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25em 0.75em;
      }

      .waiting button,
      .counts button {
        min-height: 1.5em;
        padding-inline: 0;
      }

      .waiting .title {
        flex-basis: 100%;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Tickets with a new reply and tickets waiting for the customer; null until loaded. */
  @state() private counts: TicketCounts | null = null;
  /** The tickets waiting for the customer's reply (the first page of them), shown first. */
  @state() private waiting: TicketSummary[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('client') || changed.has('customer')) && this.client && this.customer) {
      void this.loadNews();
    }
  }

  /** Home works without its counts and waiting tickets: a failure leaves them out. */
  private async loadNews(): Promise<void> {
    try {
      const counts = await this.client.ticketCounts();
      const waiting = counts.waitingForCustomer
        ? await this.client.tickets('open', undefined, 'mine', {
            status: ['waiting_for_customer'],
          })
        : null;
      // Both at once, so the waiting section never shows its count without its tickets.
      this.waiting = waiting?.items ?? [];
      this.counts = counts;
    } catch {
      this.counts = null;
    }
  }

  private renderWaiting() {
    const waiting = this.counts?.waitingForCustomer ?? 0;
    if (!waiting) return nothing;
    return html`<section class="waiting" aria-labelledby="waiting-heading">
      <h3 id="waiting-heading">
        ${msg(str`Tickets que esperan su respuesta: ${waiting}`, { id: 'home.waiting' })}
      </h3>
      <ul>
        ${this.waiting.map(
          (ticket) =>
            html`<li>
              <button class="link" type="button" @click=${() => this.handleTicket(ticket.number)}>
                ${msg(str`Ticket ${ticket.number}`, { id: 'ticket.number' })}
              </button>
              <sp-status-badge status=${ticket.status}></sp-status-badge>
              <span class="title">${ticket.title}</span>
            </li>`,
        )}
      </ul>
      ${
        waiting > this.waiting.length
          ? html`<button class="link" type="button" @click=${this.handleAllWaiting}>
              ${msg('Ver todos los que esperan su respuesta', { id: 'home.allWaiting' })}
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderCounts() {
    const replies = this.counts?.newReplies ?? 0;
    if (!replies) return nothing;
    return html`<ul class="counts" aria-label=${msg('Novedades', { id: 'home.news' })}>
      <li>
        ${replyIcon}
        <button class="link" type="button" @click=${this.handleNewReplies}>
          ${msg(str`Tickets con una respuesta nueva: ${replies}`, { id: 'home.newReplies' })}
        </button>
      </li>
    </ul>`;
  }

  override render() {
    const name = this.customer?.name ?? '';
    return html`
      <h2 tabindex="-1">${msg(str`Hola, ${name}`, { id: 'home.heading' })}</h2>
      ${this.customer?.organization ? html`<p class="muted">${this.customer.organization}</p>` : ''}
      ${this.renderWaiting()} ${this.renderCounts()}
      <ul class="choices">
        <li>
          <button class="primary" type="button" @click=${this.handleNew}>
            ${msg('Registrar un nuevo ticket', { id: 'home.new' })}
            <span
              >${msg('Cuéntenos qué necesita o qué no funciona.', { id: 'home.new.hint' })}</span
            >
          </button>
        </li>
        <li>
          <button type="button" @click=${this.handleOpen}>
            ${msg('Tickets abiertos', { id: 'home.open' })}
            <span
              >${msg('Siga los tickets en curso y responda a las soluciones.', {
                id: 'home.open.hint',
              })}</span
            >
          </button>
        </li>
        <li>
          <button type="button" @click=${this.handleClosed}>
            ${msg('Tickets cerrados', { id: 'home.closed' })}
            <span
              >${msg('Consulte el registro de tickets resueltos.', { id: 'home.closed.hint' })}</span
            >
          </button>
        </li>
      </ul>
    `;
  }

  private handleTicket(number: number) {
    this.navigate({ screen: 'ticket', number });
  }

  private handleAllWaiting() {
    this.navigate({ screen: 'tickets', state: 'open', filter: 'waiting' });
  }

  private handleNewReplies() {
    this.navigate({ screen: 'tickets', state: 'open', filter: 'new-reply' });
  }

  private handleNew() {
    this.navigate({ screen: 'new-ticket' });
  }

  private handleOpen() {
    this.navigate({ screen: 'tickets', state: 'open' });
  }

  private handleClosed() {
    this.navigate({ screen: 'tickets', state: 'closed' });
  }
}

defineElement('sp-home-screen', HomeScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-home-screen': HomeScreen;
  }
}
