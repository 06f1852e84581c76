/**
 * @module
 * `<sp-attach-file>`: one more file for an open ticket, uploaded with progress.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PublicConfig } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { ApiRequestError } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { focusWhenRendered } from '../focus-when-rendered.ts';
import type { FileChangeEvent } from '../events/file-change.ts';
import { TicketUpdatedEvent } from '../events/ticket-updated.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { shared } from '../styles/shared.ts';
import type { FilePicker } from './file-picker.ts';
import './file-picker.ts';
import './upload-progress.ts';

/**
 * @summary Attaches one file to an open ticket: the file picker (checked against the limits
 * before upload), a progress bar while it uploads, and the outcome announced.
 *
 * @event {TicketUpdatedEvent} sp-ticket-updated - The file is attached; `detail: { ticket:
 * TicketDetails }`, the ticket as the API now returns it.
 *
 * @csspart base - The wrapper.
 * @csspart submit - The attach button.
 */
@localized()
export class AttachFile extends LitElement {
  static override styles = shared;

  /** The portal's API client. */
  @property({ attribute: false }) client!: ApiClient;

  /** The open ticket's number. */
  @property({ type: Number }) number = 0;

  /** Whether the ticket has no attachment yet: the box asks for a file, not another one. */
  @property({ type: Boolean, attribute: 'first-file' }) firstFile = false;

  /** The API's public configuration, for the file limits; null until loaded. */
  @property({ attribute: false }) config: PublicConfig | null = null;

  @state() private file: File | null = null;
  @state() private error = '';
  @state() private done = '';
  @state() private busy = false;
  @state() private progress = 0;

  @query('sp-file-picker') private picker!: FilePicker;

  private handleFileChange(event: FileChangeEvent): void {
    this.file = event.detail.file;
    this.error = '';
    this.done = '';
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (!this.file) {
      this.error = msg('Elija primero un archivo.', { id: 'attachFile.none' });
      this.picker.focus();
      return;
    }
    const file = this.file;
    this.busy = true;
    this.error = '';
    this.done = '';
    this.progress = 0;
    try {
      const ticket = await this.client.uploadAttachment(
        this.number,
        file,
        (fraction) => (this.progress = fraction),
      );
      this.file = null;
      this.done = msg(str`Archivo «${file.name}» adjuntado.`, { id: 'attachFile.done' });
      this.dispatchEvent(new TicketUpdatedEvent({ ticket }));
      void focusWhenRendered(this, '#done');
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.fields?.file : undefined;
      this.error =
        error instanceof ApiRequestError && error.code === 'wrong_state'
          ? msg('Este ticket ya está cerrado y no admite más archivos.', {
              id: 'attachFile.closed',
            })
          : code
            ? fieldMessage(code)
            : errorMessage(error);
      // The picker shows the error; it is disabled until this update.
      void focusWhenRendered(this, 'sp-file-picker');
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    return html`
      <form part="base" novalidate @submit=${this.handleSubmit}>
        <sp-file-picker
          label=${
            this.firstFile
              ? msg('Adjuntar un archivo', { id: 'attachFile.labelFirst' })
              : msg('Adjuntar otro archivo', { id: 'attachFile.label' })
          }
          .limits=${this.config?.limits ?? null}
          .file=${this.file}
          .error=${this.error}
          ?disabled=${this.busy}
          @sp-file-change=${this.handleFileChange}
        ></sp-file-picker>
        ${
          this.busy && this.file
            ? html`<sp-upload-progress
                .value=${this.progress}
                label=${msg(str`Subiendo «${this.file.name}»`, { id: 'attachFile.uploading' })}
              ></sp-upload-progress>`
            : nothing
        }
        <p id="done" class="status success" role="status" tabindex="-1">${this.done}</p>
        <div class="actions">
          <button type="submit" part="submit" ?disabled=${this.busy}>
            ${msg('Adjuntar el archivo', { id: 'attachFile.submit' })}
          </button>
        </div>
      </form>
    `;
  }
}

defineElement('sp-attach-file', AttachFile);

declare global {
  interface HTMLElementTagNameMap {
    'sp-attach-file': AttachFile;
  }
}
