/**
 * @module
 * What the screens about one ticket share (the summary after creation, add information, the
 * solution): the ticket number from the route, the ticket loaded for it, and its loading state.
 */
import { msg } from '@lit/localize';
import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Customer, TicketDetails } from '../../contract/types.ts';
import { errorMessage } from '../i18n/errors.ts';
import { ScreenElement } from './screen.ts';

/** Whether a customer update changed their language (not their first arrival). */
export function languageChanged(before: Customer | null | undefined, after: Customer | null) {
  return Boolean(before && after && before.language !== after.language);
}

export abstract class TicketScreenElement extends ScreenElement {
  /** The ticket's number, from the route. */
  @property({ type: Number }) number = 0;

  /** The ticket, when the screen before already has it; otherwise it is loaded by number. */
  @property({ attribute: false }) ticket: TicketDetails | null = null;

  @state() protected loadError = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const stale = this.ticket?.number !== this.number;
    if ((changed.has('number') || changed.has('client')) && this.client && this.number && stale) {
      void this.load();
    } else if (this.ticket && languageChanged(changed.get('customer'), this.customer)) {
      // Category names come from the API in the customer's language.
      void this.load();
    }
  }

  protected async load(): Promise<void> {
    this.loadError = '';
    if (this.ticket?.number !== this.number) this.ticket = null;
    const number = this.number;
    try {
      const ticket = await this.client.ticket(number);
      if (number === this.number) this.ticket = ticket;
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  /** The loading message or the load error, with a way to try again. */
  protected renderLoadState() {
    if (this.loadError) {
      return html`
        <p class="status error" role="alert">${this.loadError}</p>
        <div class="actions">
          <button type="button" @click=${this.load}>
            ${msg('Reintentar', { id: 'ticket.retry' })}
          </button>
        </div>
      `;
    }
    return html`<p role="status">${msg('Cargando el ticket…', { id: 'ticket.loading' })}</p>`;
  }
}
