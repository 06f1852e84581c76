/**
 * @module
 * `<sp-home-screen>`: where a logged-in customer starts: register a ticket, see open and closed
 * tickets (e-mail notifications and the password are in the header's account menu).
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { TicketCounts } from '../../contract/types.ts';
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
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--_space);
        display: grid;
        gap: var(--_space);
        grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
      }

      li button {
        width: 100%;
        min-height: 5em;
        flex-direction: column;
        align-items: flex-start;
        text-align: start;
        padding: 1em;
      }

      li button span {
        font-weight: 400;
        color: var(--_text);
      }

      li button.primary span {
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
    `,
  ];

  /** Tickets with a new reply and tickets waiting for the customer; null until loaded. */
  @state() private counts: TicketCounts | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('client') || changed.has('customer')) && this.client && this.customer) {
      void this.client.ticketCounts().then(
        (counts) => (this.counts = counts),
        // Home works without its counts.
        () => (this.counts = null),
      );
    }
  }

  private renderCounts() {
    const replies = this.counts?.newReplies ?? 0;
    const waiting = this.counts?.waitingForCustomer ?? 0;
    if (!replies && !waiting) return nothing;
    return html`<ul class="counts" aria-label=${msg('Novedades', { id: 'home.news' })}>
      ${
        waiting
          ? html`<li>
              ${msg(str`Tickets que esperan su respuesta: ${waiting}`, { id: 'home.waiting' })}
            </li>`
          : nothing
      }
      ${
        replies
          ? html`<li>
              ${replyIcon}${msg(str`Tickets con una respuesta nueva: ${replies}`, {
                id: 'home.newReplies',
              })}
            </li>`
          : nothing
      }
    </ul>`;
  }

  override render() {
    const name = this.customer?.name ?? '';
    return html`
      <h2 tabindex="-1">${msg(str`Hola, ${name}`, { id: 'home.heading' })}</h2>
      ${this.customer?.organization ? html`<p class="muted">${this.customer.organization}</p>` : ''}
      ${this.renderCounts()}
      <ul>
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
