/**
 * @module
 * `<sp-rate-link-screen>`: opened by a one-click rating link of an e-mail
 * (`#sp/rate/<token>/<score>` on the host page), with or without a session. It saves the clicked
 * score as it opens, thanks the customer, and offers to add a comment (or change the score).
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { RatingLinkTicket } from '../../contract/types.ts';
import { ApiRequestError } from '../api/client.ts';
import { loadRatingForm } from '../components/rating-form-loader.ts';
import { defineElement } from '../define.ts';
import { errorMessage } from '../i18n/errors.ts';
import { ScreenElement } from './screen.ts';

function linkError(error: unknown): string {
  if (error instanceof ApiRequestError && error.code === 'invalid_link') {
    return msg('Este enlace de valoración no es válido o ha caducado.', {
      id: 'rateLink.invalid',
    });
  }
  if (error instanceof ApiRequestError && error.code === 'wrong_state') {
    return msg('La valoración de este ticket ya no se puede cambiar.', { id: 'rateLink.locked' });
  }
  return errorMessage(error);
}

/** @summary Rates the e-mailed link's ticket with its score, then offers a comment. */
export class RateLinkScreen extends ScreenElement {
  /** The link's single-purpose token. */
  @property() token = '';
  /** The score the customer clicked in the e-mail. */
  @property({ type: Number }) score = 0;

  @state() private ticket: RatingLinkTicket | null = null;
  @state() private error = '';
  @state() private commented = false;
  @state() private formReady = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('token') || changed.has('client')) && this.client && this.token) {
      void this.rate();
    }
  }

  /** The one click: the score is saved on open, keeping any comment already given. */
  private async rate(): Promise<void> {
    this.error = '';
    const forms = loadRatingForm().then(() => (this.formReady = true));
    try {
      const named = await this.client.ratingLink(this.token);
      this.ticket = named;
      this.ticket = await this.client.rateWithLink(
        this.token,
        this.score,
        named.rating?.comment ?? null,
      );
    } catch (error) {
      this.error = linkError(error);
    }
    await forms.catch(() => undefined);
  }

  private readonly save = async (score: number, comment: string | null) => {
    this.ticket = await this.client.rateWithLink(this.token, score, comment);
    this.commented = true;
  };

  override render() {
    const ticket = this.ticket;
    const number = ticket?.number ?? 0;
    return html`
      <h2 tabindex="-1">${msg('Valoración de la atención', { id: 'ticketRating.heading' })}</h2>
      ${this.error ? html`<p class="status error" role="alert">${this.error}</p>` : nothing}
      ${
        !ticket && !this.error
          ? html`<p role="status">${msg('Guardando su valoración…', { id: 'rateLink.saving' })}</p>`
          : nothing
      }
      ${
        ticket
          ? html`<dl class="facts">
              <dt>${msg(str`Ticket ${number}`, { id: 'ticket.number' })}</dt>
              <dd>${ticket.category.path.join(' › ')}</dd>
            </dl>`
          : nothing
      }
      ${ticket?.rating && !this.error ? this.renderRated(ticket) : nothing}
    `;
  }

  private renderRated(ticket: RatingLinkTicket) {
    const score = ticket.rating!.score;
    return html`
      <p class="status success" role="status">
        ${
          this.commented
            ? msg('¡Gracias! Hemos guardado su valoración y su comentario.', {
                id: 'rateLink.commented',
              })
            : msg(str`¡Gracias por su valoración: ${score} de 5!`, { id: 'rateLink.thanks' })
        }
      </p>
      ${
        this.commented || !this.formReady
          ? nothing
          : html`<p>
                ${msg('Si quiere, cuéntenos algo más o cambie la puntuación.', {
                  id: 'rateLink.more',
                })}
              </p>
              <sp-rating-form
                .save=${this.save}
                .describeError=${linkError}
                .score=${score}
                .comment=${ticket.rating!.comment ?? ''}
              ></sp-rating-form>`
      }
    `;
  }
}

defineElement('sp-rate-link-screen', RateLinkScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-rate-link-screen': RateLinkScreen;
  }
}
