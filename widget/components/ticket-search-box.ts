/**
 * @module
 * `<sp-ticket-search-box>`: the search box above the ticket lists. It only asks: the list that
 * holds it runs the search and shows the results with its own rows.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { TicketScope } from '../../contract/domain.ts';
import { defineElement } from '../define.ts';
import { TicketSearchEvent } from '../events/ticket-search.ts';
import { shared } from '../styles/shared.ts';

/**
 * @summary A labelled search field (a `search` landmark) with its button; while a search is
 * shown, a button to go back to the whole list.
 * @event sp-ticket-search - {@link TicketSearchEvent}, on submit (an empty query ends the search).
 */
@localized()
export class TicketSearchBox extends LitElement {
  static override styles = [
    shared,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: end;
        margin: 0 0 var(--_space);
      }

      .field {
        flex: 1 1 14em;
      }
    `,
  ];

  /** Whether the list is showing results of a search (then "show all" is offered). */
  @property({ type: Boolean }) active = false;

  /** Whose tickets the list shows, and so the search searches. */
  @property() scope: TicketScope = 'mine';

  @query('input') private input!: HTMLInputElement;

  override render() {
    return html`<form role="search" @submit=${this.handleSubmit}>
      <div class="field">
        <label for="query"
          >${
            this.scope === 'organization'
              ? msg('Buscar en los tickets de su organización', { id: 'search.labelOrganization' })
              : msg('Buscar en sus tickets', { id: 'search.label' })
          }</label
        >
        <input
          id="query"
          type="search"
          name="q"
          maxlength="200"
          autocomplete="off"
          aria-describedby="hint"
        />
        <span id="hint" class="visually-hidden">
          ${msg('Por número o por palabras de la descripción y de lo añadido.', {
            id: 'search.hint',
          })}
        </span>
      </div>
      <button type="submit">${msg('Buscar', { id: 'search.submit' })}</button>
      ${
        this.active
          ? html`<button class="link" type="button" @click=${this.handleClear}>
              ${msg('Ver todos los tickets', { id: 'search.clear' })}
            </button>`
          : nothing
      }
    </form>`;
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    this.dispatchEvent(new TicketSearchEvent({ query: this.input.value.trim() }));
  }

  private handleClear() {
    this.input.value = '';
    this.dispatchEvent(new TicketSearchEvent({ query: '' }));
    this.input.focus();
  }
}

defineElement('sp-ticket-search-box', TicketSearchBox);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-search-box': TicketSearchBox;
  }
}
