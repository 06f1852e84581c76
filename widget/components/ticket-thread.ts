/**
 * @module
 * `<sp-ticket-thread>`: a ticket's conversation, oldest first.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AttachmentInfo, ThreadItem, TicketDetails } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { defineElement } from '../define.ts';
import { errorMessage } from '../i18n/errors.ts';
import { formatBytes, formatDateTime, statusLabel } from '../i18n/labels.ts';
import { downloadIcon } from '../styles/icons.ts';
import { shared } from '../styles/shared.ts';
import { messageText } from './message-text.ts';
import { threadStyles } from './ticket-thread.styles.ts';
import { saveBlob } from '../save-blob.ts';

type Message = Extract<ThreadItem, { type: 'message' }>;

/**
 * @summary The description as the first message, then every addition, file, desk comment, the
 * solution and a rejection's reason, each with who (the customer's name, or the support team),
 * when and its file; status changes as small lines between them. URLs and e-mail addresses
 * are links; images show a thumbnail that opens full size; any file downloads.
 *
 * @csspart message - One message; `data-side` is `customer`, `desk` or `system`.
 * @csspart status-line - A status change between messages.
 */
@localized()
export class TicketThread extends LitElement {
  static override styles = [shared, threadStyles];

  /** The portal's API client, for files and previews. */
  @property({ attribute: false }) client!: ApiClient;

  /** The ticket whose thread is shown. */
  @property({ attribute: false }) ticket!: TicketDetails;

  /** Object URLs of the image previews, by attachment id. */
  @state() private previews = new Map<string, string>();
  @state() private error = '';
  @state() private status = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ticket') && this.ticket) void this.loadPreviews();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of this.previews.values()) URL.revokeObjectURL(url);
    this.previews = new Map();
  }

  override render() {
    return html`
      <ol>
        ${this.ticket.thread.map((item) =>
          item.type === 'message' ? this.renderMessage(item) : this.renderStatus(item),
        )}
      </ol>
      <div role="status" aria-live="polite">
        ${this.status ? html`<p class="status">${this.status}</p>` : nothing}
      </div>
      ${this.error ? html`<p class="status error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private renderMessage(message: Message) {
    return html`<li class="message" part="message" data-side=${message.side}>
      <p class="who">
        <strong>${this.author(message)}</strong> ·
        <time datetime=${message.at}>${formatDateTime(message.at)}</time>
        ${
          message.kind === 'solution'
            ? html`· ${msg('Solución propuesta', { id: 'timeline.solution_proposed' })}`
            : message.kind === 'rejection'
              ? html`· ${msg('Solución rechazada', { id: 'timeline.solution_rejected' })}`
              : nothing
        }
      </p>
      ${message.text ? html`<p class="text">${messageText(message.text)}</p>` : nothing}
      ${message.file ? this.renderFile(message.file) : nothing}
    </li>`;
  }

  private renderStatus(item: Extract<ThreadItem, { type: 'status' }>) {
    const status = statusLabel(item.status);
    return html`<li class="status-line" part="status-line">
      ${msg(str`Estado: ${status}`, { id: 'thread.status' })} ·
      <time datetime=${item.at}>${formatDateTime(item.at)}</time>
    </li>`;
  }

  private renderFile(file: AttachmentInfo) {
    const name = file.name;
    const preview = this.previews.get(file.id);
    return html`<div class="file">
      ${
        preview
          ? html`<a
              class="thumb"
              href=${preview}
              target="_blank"
              rel="noopener noreferrer"
              aria-label=${msg(str`Ver ${name} a tamaño completo`, { id: 'thread.viewImage' })}
              ><img src=${preview} alt=""
            /></a>`
          : nothing
      }
      <button
        type="button"
        aria-label=${msg(str`Descargar ${name}`, { id: 'details.download' })}
        @click=${() => this.handleDownload(file)}
      >
        ${downloadIcon}<span class="file-name">${name}</span>
      </button>
      <span class="muted">${formatBytes(file.size)}</span>
    </div>`;
  }

  /** Customers by name; the desk as the support team, whoever answered. */
  private author(message: Message): string {
    if (message.side === 'customer' && message.author) return message.author;
    return message.side === 'system'
      ? msg('Sistema', { id: 'timeline.actor.system' })
      : msg('Servicio de soporte', { id: 'timeline.actor.desk' });
  }

  private async loadPreviews(): Promise<void> {
    const wanted = this.ticket.thread.flatMap((item) =>
      item.type === 'message' && item.file?.previewable && !this.previews.has(item.file.id)
        ? [item.file]
        : [],
    );
    const number = this.ticket.number;
    for (const file of wanted) {
      try {
        const blob = await this.client.previewAttachment(number, file.id);
        this.previews = new Map(this.previews).set(file.id, URL.createObjectURL(blob));
      } catch {
        // No thumbnail; the file still downloads.
      }
    }
  }

  private async handleDownload(file: AttachmentInfo) {
    const name = file.name;
    this.error = '';
    this.status = msg(str`Descargando ${name}…`, { id: 'details.downloading' });
    try {
      const blob = await this.client.downloadAttachment(this.ticket.number, file.id);
      saveBlob(this.renderRoot, blob, file.name);
      this.status = msg(str`${name} descargado.`, { id: 'details.downloaded' });
    } catch (error) {
      this.status = '';
      this.error = errorMessage(error);
    }
  }
}

defineElement('sp-ticket-thread', TicketThread);

declare global {
  interface HTMLElementTagNameMap {
    'sp-ticket-thread': TicketThread;
  }
}
