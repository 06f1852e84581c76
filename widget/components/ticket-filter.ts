/**
 * @module
 * `<sp-ticket-filter>`: the open list's status filter, a row of toggle buttons. Pressing one asks
 * the portal for the list with that filter, so the URL (when `routing` records screens) and the
 * browser's back button keep it; focus stays on the button.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../define.ts';
import { statusLabel } from '../i18n/labels.ts';
import { NavigateEvent } from '../navigation.ts';
import { shared } from '../styles/shared.ts';
import { TICKET_FILTERS, type TicketFilter } from '../ticket-filters.ts';

const LABELS: Record<TicketFilter, () => string> = {
  all: () => msg('Todos', { id: 'filter.all' }),
  waiting: () => msg('Esperan su respuesta', { id: 'filter.waiting' }),
  'new-reply': () => msg('Nueva respuesta', { id: 'tickets.newReply' }),
  'in-progress': () => statusLabel('in_progress'),
  solution: () => statusLabel('resolved'),
};

/**
 * @summary A labelled group of buttons, one per filter, the chosen one pressed (`aria-pressed`).
 * @event sp-navigate - {@link NavigateEvent} to the open list with the chosen filter.
 */
@localized()
export class TicketFilterElement extends LitElement {
  static override styles = [
    shared,
    css`
      div {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        margin: 0 0 var(--_space);
      }
    `,
  ];

  /** The filter the list shows. */
  @property() value: TicketFilter = 'all';

  override render() {
    return html`<div role="group" aria-label=${msg('Filtrar por estado', { id: 'filter.label' })}>
      ${TICKET_FILTERS.map(
        (filter) =>
          html`<button
            type="button"
            data-filter=${filter}
            class=${this.value === filter ? 'primary' : ''}
            aria-pressed=${this.value === filter ? 'true' : 'false'}
            @click=${() => this.handleChoose(filter)}
          >
            ${LABELS[filter]()}
          </button>`,
      )}
    </div>`;
  }

  private handleChoose(filter: TicketFilter) {
    if (filter === this.value) return;
    this.dispatchEvent(new NavigateEvent({ screen: 'tickets', state: 'open', filter }));
  }
}

defineElement('sp-ticket-filter', TicketFilterElement);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-filter': TicketFilterElement;
  }
}
