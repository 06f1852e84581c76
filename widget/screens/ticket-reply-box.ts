/**
 * @module
 * `<sp-ticket-reply-box>`: the reply box under a ticket's thread.
 */
import { localized, msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiRequestError } from '../api/client.ts';
import { checkText } from '../components/field-check.ts';
import '../components/file-picker.ts';
import '../components/upload-progress.ts';
import { defineElement } from '../define.ts';
import type { FileChangeEvent } from '../events/file-change.ts';
import { InformationAddedEvent } from '../events/information-added.ts';
import { TicketUpdatedEvent } from '../events/ticket-updated.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { noticeText, type Notice } from '../i18n/notice.ts';
import { exportParts } from '../parts.ts';
import { shared } from '../styles/shared.ts';
import { draftScope, readDraft, restoredNotice, writeDraft } from './draft.ts';
import { ScreenElement } from './screen.ts';
import { textField } from './text-field.ts';

/**
 * @summary A message to the support team, with one file if wanted (chosen, dropped or pasted),
 * sent together in one request; a file alone is a reply too. What is typed is kept as a draft
 * until it is sent.
 *
 * @event {TicketUpdatedEvent} sp-ticket-updated - The reply was sent; `detail: { ticket }`.
 * @event {InformationAddedEvent} support-portal-information-added - `detail: { number: number }`.
 *
 * @csspart form - The reply form.
 */
@localized()
export class TicketReplyBox extends ScreenElement {
  static override styles = [shared];

  /** The ticket's number. */
  @property({ type: Number }) number = 0;

  @state() private text = '';
  @state() private file: File | null = null;
  @state() private fieldError = '';
  @state() private formError = '';
  @state() private done: Notice = null;
  @state() private busy = false;
  @state() private progress: number | null = null;
  @state() private restored = false;

  /**
   * The key the add-information screen used before the reply box replaced it, so that a draft
   * saved then is still found.
   */
  private get draftKey(): string | null {
    return this.customer
      ? `${draftScope(this.instance, this.customer.id)}add-information:${this.number}`
      : null;
  }

  /** Moves focus to the text box (the list's pen action opens the ticket this way). */
  focusText(): Promise<void> {
    return this.focusWhenRendered('#reply');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const arrived = changed.has('customer') && !changed.get('customer');
    if (this.draftKey && (arrived || changed.has('number'))) {
      const text = readDraft<{ text: string }>(this.draftKey)?.text;
      this.text = typeof text === 'string' ? text : '';
      this.restored = Boolean(this.text);
    }
  }

  override render() {
    // Written without whitespace inside its paragraph, so that an empty notice matches `:empty`.
    const done = noticeText(this.done);
    return html`
      <form part="form" novalidate @submit=${this.handleSubmit}>
        <p class="status" role="status">${this.restored ? restoredNotice() : ''}</p>
        ${textField({
          id: 'reply',
          label: msg('Su respuesta', { id: 'reply.label' }),
          requiredMark: '',
          hint: msg(
            'Se añade a la conversación con la fecha y su nombre; puede adjuntar un archivo.',
            { id: 'reply.hint' },
          ),
          value: this.text,
          max: this.config?.limits.maxInformationLength,
          error: this.fieldError,
          readonly: this.busy,
          onInput: this.handleInput,
        })}
        <sp-file-picker
          exportparts=${exportParts('file-picker')}
          label=${msg('Archivo (opcional)', { id: 'reply.file' })}
          .limits=${this.config?.limits ?? null}
          .file=${this.file}
          ?disabled=${this.busy}
          @sp-file-change=${this.handleFile}
        ></sp-file-picker>
        ${
          this.progress !== null
            ? html`<sp-upload-progress
                exportparts=${exportParts('upload-progress')}
                .value=${this.progress}
              ></sp-upload-progress>`
            : nothing
        }
        <p id="reply-failed" class="status error" role="alert" tabindex="-1">${this.formError}</p>
        <p id="reply-done" class="status success" role="status" tabindex="-1">${done}</p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Enviar respuesta', { id: 'reply.submit' })}
          </button>
        </div>
      </form>
    `;
  }

  private handleInput(event: InputEvent): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.fieldError = '';
    this.done = null;
    if (this.draftKey) writeDraft(this.draftKey, this.text ? { text: this.text } : null);
  }

  private handleFile(event: FileChangeEvent): void {
    this.file = event.detail.file;
    this.done = null;
    this.fieldError = '';
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (!this.file || this.text.trim()) {
      const refused = checkText(this.text, this.config?.limits.maxInformationLength);
      if (refused) {
        this.fieldError = fieldMessage(refused);
        await this.focusWhenRendered('#reply');
        return;
      }
    }
    this.busy = true;
    this.formError = '';
    this.done = null;
    this.progress = this.file ? 0 : null;
    try {
      const ticket = await this.client.reply(this.number, this.text.trim(), this.file, (part) => {
        if (this.progress !== null) this.progress = part;
      });
      if (this.draftKey) writeDraft(this.draftKey, null);
      this.text = '';
      this.file = null;
      this.restored = false;
      this.done = () => msg('Respuesta enviada.', { id: 'reply.done' });
      this.dispatchEvent(new TicketUpdatedEvent({ ticket }));
      this.dispatchEvent(new InformationAddedEvent({ number: this.number }));
      void this.focusWhenRendered('#reply-done');
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.fields?.text : undefined;
      if (code) {
        this.fieldError = fieldMessage(code);
        void this.focusWhenRendered('#reply');
      } else {
        this.formError =
          error instanceof ApiRequestError && error.code === 'wrong_state'
            ? msg('Este ticket ya está cerrado y no admite más información.', {
                id: 'addInformation.closed',
              })
            : errorMessage(error);
        void this.focusWhenRendered('#reply-failed');
      }
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }
}

defineElement('sp-ticket-reply-box', TicketReplyBox);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-reply-box': TicketReplyBox;
  }
}
