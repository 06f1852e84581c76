/**
 * @module
 * `<sp-upload-progress>`: how much of an upload has been sent.
 */
import { html, LitElement, css } from 'lit';
import { property } from 'lit/decorators.js';
import { defineElement } from '../define.ts';
import { currentLanguage } from '../i18n/localization.ts';

/**
 * @summary A labelled progress bar with the percentage beside it. The bar is a native
 * `<progress>`, so assistive technologies can read its value; the screen that starts the upload
 * announces its start and end in its own status region.
 *
 * @csspart base - The wrapper.
 * @csspart bar - The `<progress>` bar.
 *
 * @cssproperty --sp-progress-height - The bar's height.
 */
export class UploadProgress extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }

    [part~='base'] {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }

    label {
      grid-column: 1 / -1;
    }

    progress {
      width: 100%;
      height: var(--sp-progress-height, 0.75rem);
      accent-color: var(--_primary);
    }

    .percent {
      font-variant-numeric: tabular-nums;
    }
  `;

  /** The fraction sent, from 0 to 1. */
  @property({ type: Number }) value = 0;

  /** What is being uploaded, e.g. the file's name; the bar's accessible name. */
  @property() label = '';

  protected override render() {
    const fraction = Math.min(Math.max(this.value, 0), 1);
    const percent = new Intl.NumberFormat(currentLanguage(), { style: 'percent' }).format(fraction);
    return html`
      <div part="base">
        <label for="bar">${this.label}</label>
        <progress id="bar" part="bar" max="100" .value=${Math.round(fraction * 100)}></progress>
        <span class="percent" aria-hidden="true">${percent}</span>
      </div>
    `;
  }
}

defineElement('sp-upload-progress', UploadProgress);

declare global {
  interface HTMLElementTagNameMap {
    'sp-upload-progress': UploadProgress;
  }
}
