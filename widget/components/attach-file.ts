/**
 * @module
 * `<sp-attach-file>`: one more file for an open ticket, sent once chosen, with progress and cancel.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicConfig } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { ApiRequestError } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { focusWhenRendered } from '../focus-when-rendered.ts';
import type { FileChangeEvent } from '../events/file-change.ts';
import { TicketUpdatedEvent } from '../events/ticket-updated.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { noticeText, type Notice } from '../i18n/notice.ts';
import { exportParts } from '../parts.ts';
import { shared } from '../styles/shared.ts';
import './file-picker.ts';
import './upload-progress.ts';

/**
 * @summary Attaches one file to an open ticket in one step: choosing the file (checked against
 * the limits and by its first bytes) sends it, with a progress bar and a button that cancels the
 * upload; the outcome is announced.
 *
 * @event {TicketUpdatedEvent} sp-ticket-updated - The file is attached; `detail: { ticket:
 * TicketDetails }`, the ticket as the API now returns it.
 *
 * @csspart base - The wrapper.
 * @csspart cancel - The button that cancels the upload under way.
 */
@localized()
export class AttachFile extends LitElement {
  static override styles = [
    shared,
    css`
      .uploading {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem 1rem;
        margin-block-start: 0.75rem;
      }

      sp-upload-progress {
        flex: 1 1 12rem;
      }
    `,
  ];

  /** The portal's API client. */
  @property({ attribute: false }) client!: ApiClient;

  /** The open ticket's number. */
  @property({ type: Number }) number = 0;

  /** Whether the ticket has no attachment yet: the box asks for a file, not another one. */
  @property({ type: Boolean, attribute: 'first-file' }) firstFile = false;

  /** The API's public configuration, for the file limits; null until loaded. */
  @property({ attribute: false }) config: PublicConfig | null = null;

  /** The file being uploaded, or null. */
  @state() private file: File | null = null;
  @state() private error = '';
  @state() private done: Notice = null;
  /** Whether `done` says the upload was cancelled rather than finished. */
  @state() private cancelled = false;
  @state() private progress = 0;

  private upload: AbortController | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.upload?.abort();
  }

  private handleFileChange(event: FileChangeEvent): void {
    const file = event.detail.file;
    if (file && !this.file) void this.send(file);
  }

  private async send(file: File): Promise<void> {
    const upload = new AbortController();
    this.upload = upload;
    this.file = file;
    this.error = '';
    this.done = null;
    this.cancelled = false;
    this.progress = 0;
    void focusWhenRendered(this, 'button[part="cancel"]');
    try {
      const ticket = await this.client.uploadAttachment(
        this.number,
        file,
        (fraction) => (this.progress = fraction),
        upload.signal,
      );
      this.done = () => msg(str`Archivo «${file.name}» adjuntado.`, { id: 'attachFile.done' });
      this.dispatchEvent(new TicketUpdatedEvent({ ticket }));
      void focusWhenRendered(this, '#done');
    } catch (error) {
      if (upload.signal.aborted) {
        this.cancelled = true;
        this.done = () =>
          msg(str`Envío de «${file.name}» cancelado.`, {
            id: 'attachFile.cancelled',
          });
      } else {
        const code = error instanceof ApiRequestError ? error.fields?.file : undefined;
        this.error =
          error instanceof ApiRequestError && error.code === 'wrong_state'
            ? msg('Este ticket ya está cerrado y no admite más archivos.', {
                id: 'attachFile.closed',
              })
            : code
              ? fieldMessage(code)
              : errorMessage(error);
      }
      // The picker shows the error; it is disabled until this update.
      void focusWhenRendered(this, 'sp-file-picker');
    } finally {
      this.file = null;
      this.upload = null;
    }
  }

  private handleCancelClick(): void {
    this.upload?.abort();
  }

  protected override render() {
    const outcome = this.cancelled ? 'status' : 'status success';
    return html`
      <div part="base">
        <sp-file-picker
          exportparts=${exportParts('file-picker')}
          label=${
            this.firstFile
              ? msg('Adjuntar un archivo', { id: 'attachFile.labelFirst' })
              : msg('Adjuntar otro archivo', { id: 'attachFile.label' })
          }
          .limits=${this.config?.limits ?? null}
          .file=${this.file}
          .error=${this.error}
          ?disabled=${this.file !== null}
          @sp-file-change=${this.handleFileChange}
        ></sp-file-picker>
        ${
          this.file
            ? html`<div class="uploading">
                <sp-upload-progress
                  exportparts=${exportParts('upload-progress')}
                  .value=${this.progress}
                  label=${msg(str`Subiendo «${this.file.name}»`, { id: 'attachFile.uploading' })}
                ></sp-upload-progress>
                <button type="button" part="cancel" @click=${this.handleCancelClick}>
                  ${msg('Cancelar el envío', { id: 'attachFile.cancel' })}
                </button>
              </div>`
            : nothing
        }
        <p id="done" class=${outcome} role="status" tabindex="-1">${noticeText(this.done)}</p>
      </div>
    `;
  }
}

defineElement('sp-attach-file', AttachFile);

declare global {
  interface HTMLElementTagNameMap {
    'sp-attach-file': AttachFile;
  }
}
