/**
 * @module
 * `<sp-rating-form>`: a satisfaction rating, 1 to 5 stars as a radio group, with an optional
 * comment. Loaded only when a rating is asked for (after accepting a solution, on a closed
 * ticket's details, from an e-mailed link), so it weighs nothing on the portal's start.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RATING_MAX, RATING_MIN } from '../../contract/domain.ts';
import { defineElement } from '../define.ts';
import { errorMessage } from '../i18n/errors.ts';
import { shared } from '../styles/shared.ts';

const SCORES = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);

function scoreName(score: number): string {
  switch (score) {
    case 1:
      return msg('Muy insatisfecho', { id: 'rating.score1' });
    case 2:
      return msg('Insatisfecho', { id: 'rating.score2' });
    case 3:
      return msg('Normal', { id: 'rating.score3' });
    case 4:
      return msg('Satisfecho', { id: 'rating.score4' });
    default:
      return msg('Muy satisfecho', { id: 'rating.score5' });
  }
}

/** "4 de 5: Satisfecho", as the stars and the details say it. */
export function scoreLabel(score: number): string {
  const name = scoreName(score);
  return msg(str`${score} de ${RATING_MAX}: ${name}`, { id: 'rating.scoreLabel' });
}

/**
 * @summary Asks for a score and an optional comment and hands them to `save`; says whether it
 * worked. `skippable` adds a "not now" button.
 *
 * @event sp-rating-saved - The rating was saved.
 * @event sp-rating-skip - The customer chose not to rate now.
 */
@localized()
export class RatingForm extends LitElement {
  static override styles = [
    shared,
    css`
      .stars {
        display: flex;
        gap: calc(var(--_space) * 0.25);
        flex-wrap: wrap;
      }
      .star {
        position: relative;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: 2.75em;
        min-height: 2.75em;
        font-size: 1.25em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_background);
        color: var(--_muted);
        cursor: pointer;
      }
      .star.on {
        color: var(--_primary);
        border-color: var(--_primary);
      }
      .star input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        cursor: pointer;
      }
      /* The radio itself is invisible, so its star carries the focus ring (WCAG 2.4.7). */
      .star:has(input:focus-visible) {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 1em;
      }
    `,
  ];

  /** Saves the rating; throws an API error to show. */
  @property({ attribute: false }) save:
    ((score: number, comment: string | null) => Promise<void>) | null = null;

  /** The score already given, if any. */
  @property({ type: Number }) score = 0;

  @property() comment = '';

  @property({ type: Boolean }) skippable = false;

  /** Words for a failed save, when the host has better ones than the general messages. */
  @property({ attribute: false }) describeError: (error: unknown) => string = errorMessage;

  @state() private error = '';
  @state() private scoreError = '';
  @state() private busy = false;

  private handleScore(event: Event): void {
    this.score = Number((event.target as HTMLInputElement).value);
    this.scoreError = '';
  }

  private handleComment(event: InputEvent): void {
    this.comment = (event.target as HTMLTextAreaElement).value;
  }

  private handleSkip(): void {
    this.dispatchEvent(new Event('sp-rating-skip'));
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.save) return;
    if (!this.score) {
      this.scoreError = msg('Elija una puntuación de 1 a 5.', { id: 'rating.required' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="score"]')?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.save(this.score, this.comment.trim() || null);
      this.dispatchEvent(new Event('sp-rating-saved'));
    } catch (error) {
      this.error = this.describeError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <form novalidate @submit=${this.handleSubmit}>
        <fieldset
          aria-describedby=${this.scoreError ? 'score-error' : nothing}
          ?disabled=${this.busy}
        >
          <legend>${msg('¿Cómo valora la atención recibida?', { id: 'rating.question' })}</legend>
          <div class="stars">
            ${SCORES.map(
              (score) => html`
                <label class="star ${score <= this.score ? 'on' : ''}" title=${scoreLabel(score)}>
                  <input
                    type="radio"
                    name="score"
                    value=${score}
                    aria-label=${scoreLabel(score)}
                    .checked=${this.score === score}
                    @change=${this.handleScore}
                  />
                  <span aria-hidden="true">${score <= this.score ? '★' : '☆'}</span>
                </label>
              `,
            )}
          </div>
          <p id="score-error" class="field-error">${this.scoreError}</p>
        </fieldset>
        <div class="field">
          <label for="rating-comment">
            ${msg('Comentario (opcional)', { id: 'rating.comment' })}
          </label>
          <textarea
            id="rating-comment"
            maxlength="2000"
            ?readonly=${this.busy}
            .value=${this.comment}
            @input=${this.handleComment}
          ></textarea>
        </div>
        <p class="status error" role="alert">${this.error}</p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Enviar la valoración', { id: 'rating.submit' })}
          </button>
          ${
            this.skippable
              ? html`<button type="button" ?disabled=${this.busy} @click=${this.handleSkip}>
                  ${msg('Ahora no', { id: 'rating.skip' })}
                </button>`
              : nothing
          }
        </div>
      </form>
    `;
  }
}

defineElement('sp-rating-form', RatingForm);

declare global {
  interface HTMLElementTagNameMap {
    'sp-rating-form': RatingForm;
  }
}
