/**
 * @module
 * `<sp-file-picker>`: one file, chosen by button, drag and drop or paste, checked before upload.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { defineElement } from '../define.ts';
import { FileChangeEvent } from '../events/file-change.ts';
import { formatBytes } from '../i18n/labels.ts';
import {
  acceptAttribute,
  checkFile,
  fileExtension,
  type FileLimits,
  type FileProblem,
} from './file-check.ts';
import { filePickerStyles } from './file-picker.styles.ts';

/**
 * @summary Takes one file from a button, a drop or a paste, shows its name and size, and refuses
 * (with a message tied to the button, naming the file) a file that is empty, too large, of a type
 * the portal does not accept, or whose first bytes are not what its extension says, before
 * anything is uploaded. Choosing another file clears the message about the last one, including
 * an error set from outside.
 *
 * @event {FileChangeEvent} sp-file-change - The accepted file changed; `detail: { file: File |
 * null }`. A refused file does not change it.
 *
 * @csspart base - The drop zone.
 * @csspart button - The button that opens the browser's file dialog.
 * @csspart file - The chosen file's name, size and remove button.
 * @csspart error - The message about a refused file.
 */
@localized()
export class FilePicker extends LitElement {
  static override styles = filePickerStyles;

  /** The picker's visible label. */
  @property() label = '';

  /** Size and type limits from `GET /api/config`; the picker refuses files beyond them. */
  @property({ attribute: false }) limits: FileLimits | null = null;

  /** The accepted file, or null. */
  @property({ attribute: false }) file: File | null = null;

  /** A message about the file from elsewhere, such as the API refusing it; shown as an error. */
  @property() error = '';

  /** Stops choosing and removing, e.g. while the file uploads. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The picker's own message about the last refused file. */
  @state() private problem = '';

  @state() private dragging = false;

  /** The outside error that was shown when another file was chosen: stale, so not shown. */
  @state() private hiddenError = '';

  private turn = 0;

  @query('#input') private input!: HTMLInputElement;

  @query('#choose') private chooseButton!: HTMLButtonElement;

  /** Focuses the choose button, which carries the picker's messages. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.chooseButton.focus(options));
  }

  /**
   * Offers a file as if the customer had chosen it; resolves to whether it was accepted. A
   * refused file leaves the accepted one in place and shows why. Only the last file offered
   * counts: an earlier one still being checked is dropped.
   */
  async choose(file: File): Promise<boolean> {
    const turn = ++this.turn;
    this.problem = '';
    this.hiddenError = this.error;
    const problem = this.limits ? await checkFile(file, this.limits) : null;
    if (turn !== this.turn) return false;
    this.problem = problem ? this.problemMessage(problem, file) : '';
    if (problem) return false;
    this.setFile(file);
    return true;
  }

  private setFile(file: File | null): void {
    this.file = file;
    this.dispatchEvent(new FileChangeEvent({ file }));
  }

  private take(files: FileList | null | undefined): void {
    if (this.disabled || !files?.length) return;
    if (files.length > 1) {
      this.problem = msg('Elija un solo archivo.', { id: 'filePicker.onlyOne' });
      return;
    }
    void this.choose(files[0]!);
  }

  private problemMessage(problem: FileProblem, file: File): string {
    const name = file.name;
    const extension = fileExtension(name);
    switch (problem) {
      case 'empty':
        return msg(str`«${name}» está vacío.`, { id: 'filePicker.empty' });
      case 'too_large': {
        const max = formatBytes(this.limits!.maxAttachmentBytes);
        return msg(str`«${name}» supera el tamaño máximo de ${max}.`, {
          id: 'filePicker.tooLarge',
        });
      }
      case 'wrong_content':
        return msg(
          str`«${name}» no es un archivo .${extension}: su contenido no corresponde a su extensión.`,
          { id: 'filePicker.wrongContent' },
        );
      case 'wrong_type': {
        const allowed = this.limits!.attachmentExtensions.join(', ');
        return extension
          ? msg(
              str`«${name}»: no se admiten archivos .${extension}. Tipos admitidos: ${allowed}.`,
              {
                id: 'filePicker.wrongType',
              },
            )
          : msg(str`«${name}» no tiene una extensión admitida. Tipos admitidos: ${allowed}.`, {
              id: 'filePicker.noExtension',
            });
      }
    }
  }

  private handleChooseClick(): void {
    this.input.click();
  }

  private handleInputChange(): void {
    this.take(this.input.files);
    // Clearing the input lets the same file be chosen again after removing it.
    this.input.value = '';
  }

  private handleRemoveClick(): void {
    this.problem = '';
    this.hiddenError = this.error;
    this.setFile(null);
    this.chooseButton.focus();
  }

  private handleDragOver(event: DragEvent): void {
    if (this.disabled || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private handleDragLeave(): void {
    this.dragging = false;
  }

  private handleDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    this.take(event.dataTransfer?.files);
  }

  private handlePaste(event: ClipboardEvent): void {
    if (!event.clipboardData?.files.length) return;
    event.preventDefault();
    this.take(event.clipboardData.files);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new error from outside is about the current file: show it.
    if (changed.has('error') && this.error !== this.hiddenError) this.hiddenError = '';
  }

  protected override render() {
    const message = this.problem || (this.error === this.hiddenError ? '' : this.error);
    const max = this.limits ? formatBytes(this.limits.maxAttachmentBytes) : '';
    const describedBy = ['hint', this.file ? 'file' : '', message ? 'error' : '']
      .filter(Boolean)
      .join(' ');
    return html`
      <div
        part="base"
        class=${this.dragging ? 'zone dragging' : 'zone'}
        role="group"
        aria-labelledby="label"
        @dragover=${this.handleDragOver}
        @dragleave=${this.handleDragLeave}
        @drop=${this.handleDrop}
        @paste=${this.handlePaste}
      >
        <span id="label" class="label">${this.label}</span>
        <p id="hint" class="hint">
          ${
            max
              ? msg(str`Un archivo de hasta ${max}: elíjalo, arrástrelo aquí o péguelo.`, {
                  id: 'filePicker.hintMax',
                })
              : msg('Un archivo: elíjalo, arrástrelo aquí o péguelo.', { id: 'filePicker.hint' })
          }
        </p>
        <input
          id="input"
          type="file"
          hidden
          tabindex="-1"
          accept=${this.limits ? acceptAttribute(this.limits) : nothing}
          @change=${this.handleInputChange}
        />
        <button
          id="choose"
          type="button"
          part="button"
          aria-describedby=${describedBy}
          aria-invalid=${message ? 'true' : nothing}
          ?disabled=${this.disabled}
          @click=${this.handleChooseClick}
        >
          ${
            this.file
              ? msg('Elegir otro archivo', { id: 'filePicker.chooseAnother' })
              : msg('Elegir un archivo', { id: 'filePicker.choose' })
          }
        </button>
        ${this.file ? this.renderFile(this.file) : nothing}
        <p id="error" part="error" class="error" role="alert">${message}</p>
      </div>
    `;
  }

  private renderFile(file: File) {
    const size = formatBytes(file.size);
    return html`
      <p part="file" class="file">
        <span id="file"
          ><span class="name">${file.name}</span> <span class="size">(${size})</span></span
        >
        <button
          type="button"
          class="remove"
          aria-label=${msg(str`Quitar ${file.name}`, { id: 'filePicker.removeName' })}
          ?disabled=${this.disabled}
          @click=${this.handleRemoveClick}
        >
          ${msg('Quitar', { id: 'filePicker.remove' })}
        </button>
      </p>
    `;
  }
}

defineElement('sp-file-picker', FilePicker);

declare global {
  interface HTMLElementTagNameMap {
    'sp-file-picker': FilePicker;
  }
}
