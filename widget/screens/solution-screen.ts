/**
 * @module
 * `<sp-solution-screen>`: the customer's answer to the solution the service desk proposed.
 */
import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { TicketDetails } from '../../contract/types.ts';
import { ApiRequestError } from '../api/client.ts';
import { checkText } from '../components/field-check.ts';
import { loadRatingForm } from '../components/rating-form-loader.ts';
import { defineElement } from '../define.ts';
import { SolutionAcceptedEvent } from '../events/solution-accepted.ts';
import { SolutionRejectedEvent } from '../events/solution-rejected.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { formatDateTime, statusLabel } from '../i18n/labels.ts';
import { shared } from '../styles/shared.ts';
import { autoAcceptDeadline } from './auto-accept.ts';
import { ticketTextStyles } from './ticket-text.styles.ts';
import { textField } from './text-field.ts';
import { TicketScreenElement } from './ticket-screen.ts';

/**
 * @summary Shows the proposed solution and lets the customer accept it (which closes the ticket)
 * or reject it with a required reason (which sends it back to the service desk). A ticket that
 * no longer awaits an answer says so instead.
 *
 * @event {SolutionAcceptedEvent} support-portal-solution-accepted - `detail: { number: number }`.
 * @event {SolutionRejectedEvent} support-portal-solution-rejected - `detail: { number: number }`.
 * @event {NavigateEvent} sp-navigate - To the ticket's details or the open tickets.
 *
 * @csspart solution - The proposed solution.
 * @csspart accept - The accept button.
 * @csspart reject-form - The reason field and the reject button.
 */
@localized()
export class SolutionScreen extends TicketScreenElement {
  static override styles = [shared, ticketTextStyles];

  @state() private reason = '';
  @state() private reasonError = '';
  @state() private formError = '';
  /** What the customer's answer did, once given. */
  @state() private outcome: 'accepted' | 'rejected' | null = null;
  @state() private busy = false;
  /** After accepting: the rating asked for, given, or skipped. */
  @state() private rating: 'ask' | 'saved' | 'skipped' | null = null;

  private handleReasonInput(event: InputEvent): void {
    this.reason = (event.target as HTMLTextAreaElement).value;
    this.reasonError = '';
  }

  private handleView(): void {
    this.navigate({ screen: 'ticket', number: this.number });
  }

  private handleOpenTickets(): void {
    this.navigate({ screen: 'tickets', state: 'open' });
  }

  private async handleAccept(): Promise<void> {
    await this.answer('accepted', () => this.client.acceptSolution(this.number));
  }

  private async handleReject(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const refused = checkText(this.reason);
    if (refused) {
      void this.showReasonError(fieldMessage(refused));
      return;
    }
    await this.answer('rejected', () => this.client.rejectSolution(this.number, this.reason));
  }

  private async answer(
    outcome: 'accepted' | 'rejected',
    send: () => Promise<TicketDetails>,
  ): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      this.ticket = await send();
      this.outcome = outcome;
      if (outcome === 'accepted') {
        loadRatingForm().then(
          () => (this.rating ??= 'ask'),
          () => undefined,
        );
      }
      const detail = { number: this.number };
      this.dispatchEvent(
        outcome === 'accepted'
          ? new SolutionAcceptedEvent(detail)
          : new SolutionRejectedEvent(detail),
      );
      void this.focusWhenRendered('#outcome');
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.fields?.reason : undefined;
      if (code) {
        void this.showReasonError(fieldMessage(code));
      } else if (error instanceof ApiRequestError && error.code === 'wrong_state') {
        // Answered elsewhere, auto-accepted or changed by the desk: show the ticket as it is now.
        await this.load();
      } else {
        this.formError = errorMessage(error);
        void this.focusWhenRendered('#form-error');
      }
    } finally {
      this.busy = false;
    }
  }

  private async showReasonError(message: string): Promise<void> {
    this.reasonError = message;
    await this.focusWhenRendered('#reason');
  }

  protected override render() {
    const heading = msg(str`Solución del ticket ${String(this.number)}`, {
      id: 'solution.heading',
    });
    return html`
      <h2 tabindex="-1">${heading}</h2>
      ${
        !this.ticket
          ? this.renderLoadState()
          : this.outcome
            ? this.renderOutcome(this.outcome, this.ticket)
            : this.ticket.solutionPending && this.ticket.solution !== null
              ? this.renderPending(this.ticket, this.ticket.solution)
              : this.renderNotPending(this.ticket)
      }
    `;
  }

  private renderSolution(ticket: TicketDetails, solution: string) {
    return html`
      <section class="box" part="solution" aria-labelledby="solution-heading">
        <h3 id="solution-heading">
          ${msg('Solución propuesta por el equipo de soporte', { id: 'solution.proposed' })}
        </h3>
        ${
          ticket.solutionProposedAt
            ? html`<p class="meta">
                ${msg(str`Propuesta el ${formatDateTime(ticket.solutionProposedAt)}`, {
                  id: 'solution.proposedAt',
                })}
              </p>`
            : nothing
        }
        <p class="text">${solution}</p>
      </section>
    `;
  }

  private renderPending(ticket: TicketDetails, solution: string) {
    const deadline = autoAcceptDeadline(ticket, this.config);
    return html`
      <dl class="facts">
        <dt>${msg('Categoría', { id: 'solution.category' })}</dt>
        <dd>${ticket.category.path.join(' › ')}</dd>
        <dt>${msg('Su descripción', { id: 'solution.description' })}</dt>
        <dd class="text">${ticket.description}</dd>
      </dl>
      ${this.renderSolution(ticket, solution)}
      ${deadline ? html`<p class="muted">${deadline}</p>` : nothing}
      <p id="form-error" class="status error" role="alert" tabindex="-1">${this.formError}</p>
      <h3>${msg('¿Le ha resuelto el problema?', { id: 'solution.question' })}</h3>
      <div class="answer">
        <p>${msg('Si acepta la solución, el ticket se cerrará.', { id: 'solution.acceptHint' })}</p>
        <button
          class="primary"
          type="button"
          part="accept"
          ?disabled=${this.busy}
          @click=${this.handleAccept}
        >
          ${msg('Aceptar la solución', { id: 'solution.accept' })}
        </button>
      </div>
      <form part="reject-form" novalidate @submit=${this.handleReject}>
        ${textField({
          id: 'reason',
          label: msg('Motivo del rechazo', { id: 'solution.reason' }),
          requiredMark: msg('(obligatorio)', { id: 'solution.required' }),
          hint: msg(
            'Si la solución no le sirve, explique por qué: el ticket volverá al equipo de soporte.',
            { id: 'solution.reasonHint' },
          ),
          value: this.reason,
          error: this.reasonError,
          readonly: this.busy,
          onInput: this.handleReasonInput,
        })}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>
            ${msg('Rechazar la solución', { id: 'solution.reject' })}
          </button>
        </div>
      </form>
    `;
  }

  private renderOutcome(outcome: 'accepted' | 'rejected', ticket: TicketDetails) {
    const number = String(ticket.number);
    return html`
      <p id="outcome" class="status success" role="status" tabindex="-1">
        ${
          outcome === 'accepted'
            ? msg(str`Ha aceptado la solución. El ticket ${number} está cerrado.`, {
                id: 'solution.accepted',
              })
            : msg(str`Ha rechazado la solución. El ticket ${number} vuelve al equipo de soporte.`, {
                id: 'solution.rejected',
              })
        }
      </p>
      ${outcome === 'accepted' ? this.renderRating() : nothing} ${this.renderLinks()}
    `;
  }

  private readonly saveRating = async (score: number, comment: string | null) => {
    this.ticket = await this.client.rateTicket(this.number, score, comment);
  };

  // The form goes away with its focused button: focus goes where the customer reads on.
  private readonly handleRated = () => {
    this.rating = 'saved';
    void this.focusWhenRendered('#rated');
  };

  private readonly handleRatingSkipped = () => {
    this.rating = 'skipped';
    void this.focusWhenRendered('#outcome');
  };

  /** The rating asked for once the solution is accepted; skippable. */
  private renderRating() {
    if (this.rating === 'ask') {
      return html`<h3>${msg('Valoración de la atención', { id: 'ticketRating.heading' })}</h3>
        <sp-rating-form
          skippable
          .save=${this.saveRating}
          @sp-rating-saved=${this.handleRated}
          @sp-rating-skip=${this.handleRatingSkipped}
        ></sp-rating-form>`;
    }
    if (this.rating === 'saved') {
      return html`<p id="rated" class="status success" role="status" tabindex="-1">
        ${msg('Gracias por su valoración.', { id: 'solution.rated' })}
      </p>`;
    }
    return nothing;
  }

  private renderNotPending(ticket: TicketDetails) {
    return html`
      <p class="status" role="status">
        ${msg(
          str`Este ticket ya no espera su respuesta a una solución. Estado actual: ${statusLabel(ticket.status)}.`,
          {
            id: 'solution.notPending',
          },
        )}
      </p>
      ${ticket.solution !== null ? this.renderSolution(ticket, ticket.solution) : nothing}
      ${this.renderLinks()}
    `;
  }

  private renderLinks() {
    return html`
      <div class="actions">
        <button type="button" @click=${this.handleView}>
          ${msg('Ver el ticket', { id: 'solution.view' })}
        </button>
        <button type="button" @click=${this.handleOpenTickets}>
          ${msg('Ir a los tickets abiertos', { id: 'solution.openTickets' })}
        </button>
      </div>
    `;
  }
}

defineElement('sp-solution-screen', SolutionScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-solution-screen': SolutionScreen;
  }
}
