/**
 * @module
 * `<sp-colleague-picker>`: choosing colleagues of the customer's organization to put in copy. The
 * list is asked for the first time the customer opens the picker, not before.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Colleague } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { errorMessage } from '../i18n/errors.ts';
import { shared } from '../styles/shared.ts';

/**
 * @summary A button that opens a checkbox list of colleagues (name and e-mail under it, each row a
 * 44 px target around a 24 px box); `value` holds the ids chosen. People in `exclude` (already
 * in copy, the requester) are left out.
 *
 * @slot actions - Shown under the checkboxes while the list is open, e.g. the button that sends
 * the choice.
 *
 * @csspart toggle - The button that opens and closes the list.
 * @csspart refusal - Why the choice was refused, under the button.
 * @csspart list - The fieldset of checkboxes.
 */
@localized()
export class ColleaguePicker extends LitElement {
  /** Focus goes to the toggle button: where a refused choice sends the customer back. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [
    shared,
    css`
      fieldset {
        margin: 0.5em 0 0;
        padding: 0.5em 1em 1em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        min-width: 0;
      }

      legend {
        font-weight: 600;
        padding-inline: 0.25em;
      }

      ul {
        list-style: none;
        margin: 0 0 0.5em;
        padding: 0;
      }

      /* The whole row is the target: the 24 px box, the name, the e-mail under it. */
      .choice {
        display: flex;
        align-items: center;
        gap: 0.75em;
        min-height: 2.75em;
        padding-block: 0.25em;
        font-weight: 400;
        cursor: pointer;
      }

      .who {
        display: grid;
        min-width: 0;
      }

      .name {
        font-weight: 600;
      }

      .email {
        color: var(--_muted);
        font-size: 0.9375em;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The portal's API client. */
  @property({ attribute: false }) client!: ApiClient;

  /** The button's text. */
  @property() label = '';

  /** Customer ids not to offer. */
  @property({ attribute: false }) exclude: readonly string[] = [];

  @property({ type: Boolean }) disabled = false;

  /** Why the API refused the choice: shown under the button, and read with it. */
  @property({ attribute: false }) refusal = '';

  /** Whether the list is shown; opening it the first time loads it. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The ids chosen, in the list's order. */
  @state() value: string[] = [];

  @state() private colleagues: Colleague[] | null = null;
  @state() private error = '';

  /** Forgets the choice (after it was sent). */
  clear(): void {
    this.value = [];
  }

  /**
   * Asks for the list again and keeps only the chosen people still in it: after the API refused
   * the choice (someone left the organization or was deactivated meanwhile).
   */
  async refresh(): Promise<void> {
    await this.load();
    this.choose(new Set(this.value));
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (this.open && this.colleagues === null) await this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.colleagues = await this.client.colleagues();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private handleChange(id: string, checked: boolean): void {
    const chosen = new Set(this.value);
    if (checked) chosen.add(id);
    else chosen.delete(id);
    this.choose(chosen);
  }

  /** The chosen among the colleagues listed, in the list's order. */
  private choose(chosen: Set<string>): void {
    this.value = (this.colleagues ?? []).map((c) => c.id).filter((c) => chosen.has(c));
  }

  protected override render() {
    return html`
      <button
        type="button"
        part="toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="colleague-list"
        aria-describedby=${this.refusal ? 'refusal' : nothing}
        ?disabled=${this.disabled}
        @click=${this.toggle}
      >
        ${this.label}
      </button>
      ${
        this.refusal
          ? html`<p id="refusal" part="refusal" class="field-error">${this.refusal}</p>`
          : nothing
      }
      ${this.open ? this.renderList() : nothing}
    `;
  }

  private renderList() {
    const offered = (this.colleagues ?? []).filter((c) => !this.exclude.includes(c.id));
    return html`<fieldset id="colleague-list" part="list" ?disabled=${this.disabled}>
      <legend>${msg('Colegas de su organización', { id: 'colleagues.legend' })}</legend>
      ${
        this.error
          ? html`<p class="status error" role="alert">${this.error}</p>`
          : this.colleagues === null
            ? html`<p role="status">${msg('Cargando colegas…', { id: 'colleagues.loading' })}</p>`
            : offered.length === 0
              ? html`<p role="status">
                  ${msg('No hay más personas de su organización para poner en copia.', {
                    id: 'colleagues.none',
                  })}
                </p>`
              : html`<ul>
                    ${offered.map((colleague) => this.renderChoice(colleague))}
                  </ul>
                  <slot name="actions"></slot>`
      }
    </fieldset>`;
  }

  private renderChoice(colleague: Colleague) {
    return html`<li>
      <label class="choice">
        <input
          type="checkbox"
          .checked=${this.value.includes(colleague.id)}
          @change=${(event: Event) =>
            this.handleChange(colleague.id, (event.target as HTMLInputElement).checked)}
        />
        <span class="who">
          <span class="name">${colleague.name}</span>
          <span class="email">${colleague.email}</span>
        </span>
      </label>
    </li>`;
  }
}

defineElement('sp-colleague-picker', ColleaguePicker);

declare global {
  interface HTMLElementTagNameMap {
    'sp-colleague-picker': ColleaguePicker;
  }
}
