/**
 * @module
 * `<sp-ticket-list-screen>`: the customer's open tickets (with their actions) or closed tickets
 * (the register), newest first, a page at a time through the API's cursor; on the open list,
 * the tickets waiting for the customer's reply come first (see ticket-pages.ts).
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { TicketScope, TicketState } from '../../contract/domain.ts';
import type { TicketSummary } from '../../contract/types.ts';
import '../components/status-badge.ts';
import '../components/ticket-filter.ts';
import '../components/ticket-search-box.ts';
import { defineElement } from '../define.ts';
import type { TicketSearchEvent } from '../events/ticket-search.ts';
import { errorMessage } from '../i18n/errors.ts';
import { formatDateTime, urgencyLabel } from '../i18n/labels.ts';
import { penIcon, replyIcon, tickIcon } from '../styles/icons.ts';
import { shared } from '../styles/shared.ts';
import { ScreenElement } from './screen.ts';
import { listStyles } from './ticket-list.styles.ts';
import { rememberedScope, rememberScope } from './ticket-scope.ts';
import type { TicketFilter } from '../ticket-filters.ts';
import { listPage } from './ticket-pages.ts';

/**
 * @summary A list of the customer's tickets: the number opens the details; on open tickets a pen
 * adds information and a tick answers the solution (enabled only while one awaits an answer).
 * A "more" button, reachable by keyboard, loads the next page.
 */
export class TicketListScreen extends ScreenElement {
  static override styles = [shared, listStyles];

  /** Which tickets to list: open (every status but closed) or closed. */
  @property() state: TicketState = 'open';

  /** On the open list: which statuses it shows (see ticket-filters.ts). */
  @property() filter: TicketFilter = 'all';

  /** Whose tickets: the customer's own (and in copy), or the organization's (managers). */
  @state() private scope: TicketScope = 'mine';
  /**
   * Whether the manager chose the scope (here or on an earlier visit, see ticket-scope.ts); until
   * then an empty "Mine" list opens on the organization's tickets.
   */
  private scopeChosen = false;
  /** The list opened on the organization's tickets because "Mine" was empty. */
  @state() private fellBack = false;
  @state() private items: TicketSummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private error = '';
  /** What the customer searched for; empty while the list shows every ticket of `state`. */
  @state() private query = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reload = changed.has('state') || changed.has('client') || changed.has('filter');
    if (reload && this.client) {
      const remembered = this.isManager && rememberedScope(this.instance, this.customer!.id);
      if (!this.scopeChosen && remembered) {
        this.scope = remembered;
        this.scopeChosen = true;
      }
      void this.load(true);
    }
  }

  override render() {
    const heading =
      this.state === 'open'
        ? msg('Tickets abiertos', { id: 'home.open' })
        : msg('Tickets cerrados', { id: 'home.closed' });
    return html`
      <h2 tabindex="-1">${heading}</h2>
      ${this.customer?.organizationManager ? this.renderScopeSwitch() : nothing}
      <sp-ticket-search-box
        .scope=${this.scope}
        ?active=${Boolean(this.query)}
        @sp-ticket-search=${this.handleSearch}
      ></sp-ticket-search-box>
      <div role="status" aria-live="polite" class="visually-hidden">
        ${this.loading ? msg('Cargando…', { id: 'portal.loading' }) : this.searchOutcome()}
      </div>
      ${
        this.state === 'open' && !this.query
          ? html`<sp-ticket-filter .value=${this.filter}></sp-ticket-filter>`
          : nothing
      }
      ${this.error ? html`<p class="status error" role="alert">${this.error}</p>` : nothing}
      ${
        !this.loading && !this.error && this.items.length === 0
          ? html`<p>${this.emptyText()}</p>`
          : nothing
      }
      ${
        this.query
          ? this.renderResults()
          : html`<ul aria-busy=${this.loading ? 'true' : 'false'}>
              ${this.items.map((ticket) => this.renderTicket(ticket))}
            </ul>`
      }
      <div class="actions">
        ${
          this.nextCursor
            ? html`<button type="button" ?disabled=${this.loading} @click=${this.handleMore}>
                ${msg('Mostrar más tickets', { id: 'tickets.more' })}
              </button>`
            : nothing
        }
        ${
          this.state === 'open'
            ? html`<button class="link" type="button" @click=${this.handleOther}>
                ${msg('Ver los tickets cerrados', { id: 'tickets.see_closed' })}
              </button>`
            : html`<button class="link" type="button" @click=${this.handleOther}>
                ${msg('Ver los tickets abiertos', { id: 'tickets.see_open' })}
              </button>`
        }
      </div>
    `;
  }

  private emptyText(): string {
    if (this.query) return msg('Ningún ticket coincide con la búsqueda.', { id: 'search.none' });
    if (this.state === 'closed') {
      return msg('No tiene tickets cerrados.', { id: 'tickets.none_closed' });
    }
    return this.filter === 'all'
      ? msg('No tiene tickets abiertos.', { id: 'tickets.none_open' })
      : msg('Ningún ticket abierto con este filtro.', { id: 'filter.none' });
  }

  private renderScopeSwitch() {
    const option = (scope: TicketScope, label: string) =>
      html`<button
        type="button"
        class=${this.scope === scope ? 'primary' : ''}
        aria-pressed=${this.scope === scope ? 'true' : 'false'}
        @click=${() => this.handleScope(scope)}
      >
        ${label}
      </button>`;
    return html`<div
        class="scope"
        role="group"
        aria-label=${msg('Qué tickets mostrar', { id: 'tickets.scope' })}
      >
        ${option('mine', msg('Míos', { id: 'tickets.scope_mine' }))}
        ${option('organization', msg('Mi organización', { id: 'tickets.scope_organization' }))}
      </div>
      ${
        this.scope === 'organization'
          ? html`<p class="muted scope-note">
              ${
                this.fellBack
                  ? msg('No tiene tickets propios aquí: se muestran los de su organización.', {
                      id: 'tickets.scopeFallback',
                    })
                  : nothing
              }
              ${msg('Los tickets de otras personas son de solo lectura.', {
                id: 'tickets.scopeReadOnly',
              })}
            </p>`
          : nothing
      }`;
  }

  /** A search's results under their heading, open tickets and closed ones apart. */
  private renderResults() {
    if (!this.items.length) return nothing;
    const busy = this.loading ? 'true' : 'false';
    const group = (id: string, label: string, items: TicketSummary[]) =>
      items.length
        ? html`<h4 id=${id}>${label}</h4>
            <ul aria-labelledby=${id} aria-busy=${busy}>
              ${items.map((ticket) => this.renderTicket(ticket))}
            </ul>`
        : nothing;
    return html`<section aria-labelledby="results-heading">
      <h3 id="results-heading">${msg('Resultados de la búsqueda', { id: 'search.results' })}</h3>
      ${group(
        'results-open',
        msg('Abiertos', { id: 'search.open' }),
        this.items.filter((ticket) => ticket.status !== 'closed'),
      )}
      ${group(
        'results-closed',
        msg('Cerrados', { id: 'search.closed' }),
        this.items.filter((ticket) => ticket.status === 'closed'),
      )}
    </section>`;
  }

  private renderTicket(ticket: TicketSummary) {
    const number = ticket.number;
    return html`<li
      data-number=${number}
      class=${ticket.status === 'waiting_for_customer' ? 'waiting' : ''}
    >
      <div class="heading">
        <button class="link number" type="button" @click=${() => this.handleOpen(number)}>
          ${msg(str`Ticket ${number}`, { id: 'ticket.number' })}
        </button>
      </div>
      <div class="marks">
        <sp-status-badge status=${ticket.status}></sp-status-badge>
        ${
          ticket.newReply
            ? html`<p class="new-reply">
                ${replyIcon}${msg('Nueva respuesta', { id: 'tickets.newReply' })}
              </p>`
            : nothing
        }
      </div>
      <p class="title">${ticket.title}</p>
      <p class="category">${ticket.category.path.join(' › ')}</p>
      <dl class="facts">
        <div>
          <dt>${msg('Urgencia:', { id: 'ticket.urgency' })}</dt>
          <dd>${urgencyLabel(ticket.urgency)}</dd>
        </div>
        ${
          ticket.role !== 'requester'
            ? html`<div>
                <dt>${msg('Solicitante:', { id: 'ticket.requester' })}</dt>
                <dd>${ticket.requester.name}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt>${msg('Actualizado:', { id: 'ticket.updated' })}</dt>
          <dd>${formatDateTime(ticket.updatedAt)}</dd>
        </div>
      </dl>
      ${
        ticket.solutionPending
          ? html`<p class="category pending">
              ${msg('Hay una solución que espera su respuesta.', { id: 'tickets.solution_pending' })}
            </p>`
          : nothing
      }
      ${
        ticket.status !== 'closed' && ticket.role !== 'manager'
          ? html`<div class="row-actions">
              <button
                type="button"
                title=${msg(str`Responder en el ticket ${number}`, { id: 'tickets.reply' })}
                aria-label=${msg(str`Responder en el ticket ${number}`, { id: 'tickets.reply' })}
                @click=${() => this.handleReply(number)}
              >
                ${penIcon}
              </button>
              ${ticket.role === 'requester' ? this.renderAnswerButton(ticket) : nothing}
            </div>`
          : nothing
      }
    </li>`;
  }

  private renderAnswerButton(ticket: TicketSummary) {
    const number = ticket.number;
    return html`<button
      type="button"
      class=${ticket.solutionPending ? 'primary' : ''}
      ?disabled=${!ticket.solutionPending}
      title=${msg(str`Aceptar o rechazar la solución del ticket ${number}`, {
        id: 'tickets.answer_solution',
      })}
      aria-label=${msg(str`Aceptar o rechazar la solución del ticket ${number}`, {
        id: 'tickets.answer_solution',
      })}
      @click=${() => this.handleSolution(number)}
    >
      ${tickIcon}
    </button>`;
  }

  private async load(reset: boolean): Promise<void> {
    const { state, query, scope, filter } = this;
    const cursor = reset ? undefined : (this.nextCursor ?? undefined);
    if (reset) {
      this.items = [];
      this.nextCursor = null;
    }
    this.loading = true;
    this.error = '';
    let fallBack = false;
    try {
      const page = await listPage(this.client, { state, query, scope, filter, cursor });
      // The customer may have switched lists or searched again while this page was on its way.
      if (
        state !== this.state ||
        query !== this.query ||
        scope !== this.scope ||
        filter !== this.filter
      ) {
        return;
      }
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      fallBack =
        scope === 'mine' &&
        !query &&
        filter === 'all' &&
        !this.items.length &&
        !this.scopeChosen &&
        this.isManager;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.loading = false;
    }
    if (fallBack) {
      this.scope = 'organization';
      this.fellBack = true;
      await this.load(true);
    }
  }

  private get isManager(): boolean {
    return this.customer?.organizationManager === true;
  }

  private async handleMore() {
    const seen = new Set(this.items.map((ticket) => String(ticket.number)));
    await this.load(false);
    await this.updateComplete;
    // Keyboard users continue from the first ticket they have not seen yet.
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('li')];
    rows
      .find((row) => !seen.has(row.dataset.number!))
      ?.querySelector<HTMLElement>('.number')
      ?.focus();
  }

  /** Told to screen readers once a search's results are in. */
  private searchOutcome() {
    if (!this.query || this.error) return '';
    const count = this.items.length;
    return count
      ? msg(str`${count} tickets encontrados.`, { id: 'search.found' })
      : msg('Ningún ticket coincide con la búsqueda.', { id: 'search.none' });
  }

  private handleSearch(event: TicketSearchEvent) {
    this.query = event.detail.query;
    void this.load(true);
  }

  private handleScope(scope: TicketScope) {
    if (scope === this.scope) return;
    this.scope = scope;
    this.scopeChosen = true;
    this.fellBack = false;
    if (this.customer) rememberScope(this.instance, this.customer.id, scope);
    void this.load(true);
  }

  private handleOther() {
    this.navigate({ screen: 'tickets', state: this.state === 'open' ? 'closed' : 'open' });
  }

  private handleOpen(number: number) {
    this.navigate({ screen: 'ticket', number });
  }

  private handleReply(number: number) {
    this.navigate({ screen: 'ticket', number, reply: true });
  }

  private handleSolution(number: number) {
    this.navigate({ screen: 'solution', number });
  }
}

defineElement('sp-ticket-list-screen', TicketListScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-list-screen': TicketListScreen;
  }
}
