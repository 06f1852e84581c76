/**
 * @module
 * `<sp-ticket-rating>`: a closed ticket's satisfaction rating on its details: the score and
 * comment once given, and for its requester a way to rate, or to change the rating while it may
 * still change. The form itself is a chunk loaded when asked for.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RATING_MAX } from '../../contract/domain.ts';
import type { TicketDetails } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { loadRatingForm } from '../components/rating-form-loader.ts';
import { defineElement } from '../define.ts';
import { focusWhenRendered } from '../focus-when-rendered.ts';
import { TicketUpdatedEvent } from '../events/ticket-updated.ts';
import { errorMessage } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/labels.ts';
import { shared } from '../styles/shared.ts';

@localized()
export class TicketRating extends LitElement {
  static override styles = [shared];

  @property({ attribute: false }) client!: ApiClient;
  @property({ attribute: false }) ticket!: TicketDetails;

  @state() private editing = false;
  @state() private error = '';

  private async handleEdit(): Promise<void> {
    try {
      await loadRatingForm();
      this.editing = true;
      await this.updateComplete;
      this.renderRoot.querySelector('sp-rating-form')?.focus();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private readonly save = async (score: number, comment: string | null) => {
    const ticket = await this.client.rateTicket(this.ticket.number, score, comment);
    this.editing = false;
    this.ticket = ticket;
    this.dispatchEvent(new TicketUpdatedEvent({ ticket }));
    // The form goes away with its focused button: focus goes to the rating as saved.
    void focusWhenRendered(this, '#rating-result');
  };

  override render() {
    const { rating, role } = this.ticket;
    const requester = role === 'requester';
    if (!rating && !requester) return nothing;
    const changeable = requester && (!rating || Date.parse(rating.changeableUntil) > Date.now());
    const score = rating?.score ?? 0;
    return html`
      <section aria-labelledby="rating-heading">
        <h3 id="rating-heading">
          ${msg('Valoración de la atención', { id: 'ticketRating.heading' })}
        </h3>
        ${
          rating
            ? html`<p id="rating-result" tabindex="-1">
                  <span aria-hidden="true"
                    >${'★'.repeat(score)}${'☆'.repeat(RATING_MAX - score)}</span
                  >
                  ${msg(str`${score} de ${RATING_MAX}`, { id: 'ticketRating.score' })}
                </p>
                ${rating.comment ? html`<p class="text">${rating.comment}</p>` : nothing}`
            : html`<p class="muted">
                ${msg('Todavía no ha valorado la atención recibida.', { id: 'ticketRating.none' })}
              </p>`
        }
        ${
          this.editing
            ? html`<sp-rating-form
                .save=${this.save}
                .score=${score}
                .comment=${rating?.comment ?? ''}
              ></sp-rating-form>`
            : changeable
              ? html`${
                    rating
                      ? html`<p class="muted">
                          ${msg(
                            str`Puede cambiarla hasta el ${formatDateTime(rating.changeableUntil)}.`,
                            { id: 'ticketRating.until' },
                          )}
                        </p>`
                      : nothing
                  }
                  <button type="button" @click=${this.handleEdit}>
                    ${
                      rating
                        ? msg('Cambiar la valoración', { id: 'ticketRating.change' })
                        : msg('Valorar la atención', { id: 'ticketRating.rate' })
                    }
                  </button>`
              : nothing
        }
        <p class="status error" role="alert">${this.error}</p>
      </section>
    `;
  }
}

defineElement('sp-ticket-rating', TicketRating);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-rating': TicketRating;
  }
}
