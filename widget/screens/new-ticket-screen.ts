/**
 * @module
 * `<sp-new-ticket-screen>`: registering a ticket, in two steps: the category, then the form.
 */
import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { URGENCIES, type Urgency } from '../../contract/domain.ts';
import type { FieldErrorCode } from '../../contract/errors.ts';
import type { CategoryNode } from '../../contract/types.ts';
import { categoryHelp, categoryHelpStyles } from '../components/category-help.ts';
import { colleaguesField, chosenColleagues } from '../components/colleagues-field.ts';
import { pathTo } from '../components/category-search.ts';
import { checkText } from '../components/field-check.ts';
import '../components/file-picker.ts';
import type { FilePicker } from '../components/file-picker.ts';
import '../components/upload-progress.ts';
import { defineElement } from '../define.ts';
import type { CategorySelectDetail, CategorySelectEvent } from '../events/category-select.ts';
import type { FileChangeEvent } from '../events/file-change.ts';
import { TicketCreatedEvent } from '../events/ticket-created.ts';
import { errorMessage } from '../i18n/errors.ts';
import type { TicketPrefill } from '../host-api.ts';
import { formatDate, urgencyLabel } from '../i18n/labels.ts';
import { urgencyDefinition } from '../i18n/urgency-definitions.ts';
import { exportParts } from '../parts.ts';
import { shared } from '../styles/shared.ts';
import { restoredNotice } from './draft.ts';
import { categoryStep } from './new-ticket-category-step.ts';
import { NewTicketDraft } from './new-ticket-draft.ts';
import { fieldErrors, requestErrors, type Field, type FormErrors } from './new-ticket-errors.ts';
import { newTicketStyles } from './new-ticket-screen.styles.ts';
import { ScreenElement } from './screen.ts';
import { textField } from './text-field.ts';
import { languageChanged } from './ticket-screen.ts';

/**
 * @summary Step 1: the guided category menu. Step 2: the read-only creation date, the required
 * urgency and description, and one optional file, with an upload progress bar. Errors show
 * beside their fields; on success the screen fires `support-portal-ticket-created` and moves on
 * to the summary.
 *
 * @event {TicketCreatedEvent} support-portal-ticket-created - `detail: { number: number }`.
 * @event {NavigateEvent} sp-navigate - To the summary (`ticket-created`) or back home.
 *
 * @csspart category-menu - The guided category menu of step 1.
 * @csspart help - The chosen category's guidance (a text and links), above the form.
 * @csspart form - The form of step 2.
 */
@localized()
export class NewTicketScreen extends ScreenElement {
  static override styles = [shared, newTicketStyles, categoryHelpStyles];

  /** The closed ticket this one follows up: its category comes preselected. */
  @property({ attribute: false }) followUpOf: number | null = null;

  /** Fields the host page filled in (`prefill()` on `<support-portal>`); they win over a draft. */
  @property({ attribute: false }) prefill: TicketPrefill | null = null;

  /** The host page's context, sent with the ticket (`context` on `<support-portal>`). */
  @property({ attribute: false }) context: Record<string, unknown> | null = null;

  @state() private step: 'category' | 'details' = 'category';
  @state() private categories: CategoryNode[] | null = null;
  @state() private loadError = '';
  @state() private category: CategorySelectDetail | null = null;
  @state() private urgency: Urgency | '' = '';
  @state() private description = '';
  @state() private file: File | null = null;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private busy = false;
  /** The upload's progress while a ticket with a file is being sent. */
  @state() private progress: number | null = null;

  /** The day the ticket is being registered; the API stamps the exact time. */
  private readonly today = new Date();

  /** What the customer leaves unsent, restored as soon as they are known (new-ticket-draft.ts). */
  private readonly draft = new NewTicketDraft(this, {
    read: () => ({ category: this.category, urgency: this.urgency, description: this.description }),
    fill: (draft) => {
      const prefill = this.prefill ?? {};
      if (draft.category && !prefill.category) {
        this.category = draft.category;
        this.step = 'details';
      }
      if (draft.urgency && !prefill.urgency) this.urgency = draft.urgency;
      if (draft.description !== undefined && prefill.description === undefined) {
        this.description = draft.description;
      }
    },
    fillFile: (file) => {
      if (!this.file) this.file = file;
    },
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill') && this.prefill) this.applyPrefill(this.prefill);
    if (changed.has('followUpOf') && this.followUpOf && this.client) void this.preselect();
    if (changed.has('client') && this.client && this.categories === null) void this.load();
    else if (this.categories && languageChanged(changed.get('customer'), this.customer)) {
      // Category names come from the API in the customer's language.
      void this.load();
    }
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      this.categories = await this.client.categories();
      if (this.prefill?.category) this.applyPrefill({ category: this.prefill.category });
      if (this.category) {
        const path = pathTo(this.categories, this.category.id).map((node) => node.label);
        if (path.length) this.category = { ...this.category, path };
      }
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  /** The host's fields; a category (a leaf's id) once the categories are known. */
  private applyPrefill({ category, urgency, description }: TicketPrefill): void {
    if (urgency) this.urgency = urgency;
    if (description !== undefined) this.description = description;
    const path = category && this.categories ? pathTo(this.categories, category) : [];
    if (path.length && !path.at(-1)!.children.length) {
      this.category = { id: category!, path: path.map((node) => node.label) };
      this.step = 'details';
    }
  }

  /** A follow-up starts in the category of the ticket it follows up. */
  private async preselect(): Promise<void> {
    try {
      const { category } = await this.client.ticket(this.followUpOf!);
      this.category = { id: category.id, path: category.path };
      this.step = 'details';
    } catch (error) {
      this.formError = errorMessage(error);
    }
  }

  private handleCategorySelect(event: CategorySelectEvent): void {
    this.category = event.detail;
    this.step = 'details';
    this.errors = { ...this.errors, category: undefined };
    void this.focusWhenRendered('#details-heading');
    this.draft.save();
  }

  private handleChangeCategory(): void {
    this.step = 'category';
    void this.focusWhenRendered('sp-category-menu');
  }

  private handleContact(): void {
    this.navigate({ screen: 'contact' });
  }

  private handleUrgencyChange(event: Event): void {
    this.urgency = (event.target as HTMLInputElement).value as Urgency;
    this.errors = { ...this.errors, urgency: undefined };
    this.draft.save();
  }

  private handleDescriptionInput(event: InputEvent): void {
    this.description = (event.target as HTMLTextAreaElement).value;
    if (this.errors.description) this.errors = { ...this.errors, description: undefined };
    this.draft.save();
  }

  private handleFileChange(event: FileChangeEvent): void {
    const file = event.detail.file;
    this.file = file;
    this.errors = { ...this.errors, file: undefined };
    this.draft.keepFile(file);
  }

  /** A file pasted anywhere in the form (say, a screenshot into the description) is attached. */
  private handlePaste(event: ClipboardEvent): void {
    const files = event.clipboardData?.files;
    if (!files?.length || this.busy) return;
    event.preventDefault();
    void this.renderRoot.querySelector<FilePicker>('sp-file-picker')?.choose(files[0]!);
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.category) return;
    const refused: Partial<Record<Field, FieldErrorCode>> = {};
    if (!this.urgency) refused.urgency = 'required';
    const description = checkText(this.description, this.config?.limits.maxDescriptionLength);
    if (description) refused.description = description;
    if (!this.urgency || description) {
      this.showErrors(fieldErrors(refused));
      return;
    }
    const fields = {
      category: this.category.id,
      urgency: this.urgency,
      description: this.description,
      ...(this.followUpOf && { followUpOf: this.followUpOf }),
      colleagues: chosenColleagues(this.renderRoot),
      ...(this.context && { context: this.context }),
    };
    this.busy = true;
    this.formError = '';
    this.errors = {};
    this.progress = this.file ? 0 : null;
    try {
      const ticket = await this.client.createTicket(
        fields,
        this.file,
        (fraction) => (this.progress = fraction),
      );
      this.draft.clear();
      this.dispatchEvent(new TicketCreatedEvent({ number: ticket.number }));
      this.navigate({ screen: 'ticket-created', number: ticket.number });
    } catch (error) {
      this.showErrors(requestErrors(error));
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  private showErrors({ fields, form, focus }: FormErrors): void {
    if (fields) this.errors = fields;
    // Someone chosen can no longer be put in copy: the list shows who still can.
    if (fields?.colleagues) void this.renderRoot.querySelector('sp-colleague-picker')?.refresh();
    if (form) this.formError = form;
    void this.focusWhenRendered(focus);
  }

  protected override render() {
    return html`
      <h2 tabindex="-1">${msg('Registrar un nuevo ticket', { id: 'newTicket.heading' })}</h2>
      <p class="status" role="status">${this.draft.restored ? restoredNotice() : ''}</p>
      ${
        this.followUpOf
          ? html`<p class="step">
              ${msg(str`Seguimiento del ticket ${this.followUpOf}`, { id: 'newTicket.followUpOf' })}
            </p>`
          : nothing
      }
      ${
        this.step === 'details' && this.category
          ? this.renderForm(this.category)
          : categoryStep({
              categories: this.categories,
              loadError: this.loadError,
              chosen: this.category?.id ?? '',
              onRetry: () => void this.load(),
              onSelect: this.handleCategorySelect,
              onContact: this.handleContact,
            })
      }
    `;
  }

  private renderForm(category: CategorySelectDetail) {
    const describedBy = (field: Field, ...others: string[]) =>
      [...others, this.errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`
      <p class="step">${msg('Paso 2 de 2: cuéntenos qué ocurre.', { id: 'newTicket.step2' })}</p>
      ${categoryHelp(pathTo(this.categories ?? [], category.id))}
      <form part="form" novalidate @submit=${this.handleSubmit} @paste=${this.handlePaste}>
        <h3 id="details-heading" tabindex="-1">
          ${msg('Datos del ticket', { id: 'newTicket.details' })}
        </h3>
        <div class="field">
          <span class="label" id="category-label">
            ${msg('Categoría', { id: 'newTicket.category' })}
          </span>
          <p class="category" id="category-value">${category.path.join(' › ')}</p>
          <div>
            <button
              id="change-category"
              type="button"
              class="link"
              aria-describedby=${describedBy('category', 'category-value')}
              ?disabled=${this.busy}
              @click=${this.handleChangeCategory}
            >
              ${msg('Cambiar la categoría', { id: 'newTicket.changeCategory' })}
            </button>
          </div>
          ${this.renderError('category')}
        </div>
        <div class="field">
          <label for="created">${msg('Fecha de creación', { id: 'newTicket.createdAt' })}</label>
          <input id="created" type="text" readonly .value=${formatDate(this.today)} />
        </div>
        <fieldset aria-describedby=${describedBy('urgency')} ?disabled=${this.busy}>
          <legend>
            ${msg('Urgencia', { id: 'newTicket.urgency' })}
            <span class="required">${msg('(obligatoria)', { id: 'newTicket.requiredF' })}</span>
          </legend>
          <div class="urgencies">
            ${URGENCIES.map(
              (urgency) => html`
                <label class="choice">
                  <input
                    type="radio"
                    name="urgency"
                    value=${urgency}
                    required
                    aria-describedby="urgency-${urgency}-definition"
                    .checked=${this.urgency === urgency}
                    @change=${this.handleUrgencyChange}
                  />
                  <span>
                    <span class="name">${urgencyLabel(urgency)}</span>
                    <span class="definition" id="urgency-${urgency}-definition"
                      >${urgencyDefinition(urgency, this.config)}</span
                    >
                  </span>
                </label>
              `,
            )}
          </div>
          ${this.renderError('urgency')}
        </fieldset>
        ${textField({
          id: 'description',
          label: msg('Descripción', { id: 'newTicket.description' }),
          requiredMark: msg('(obligatoria)', { id: 'newTicket.requiredF' }),
          hint: msg('Explique qué ocurre o qué necesita, con el detalle que pueda.', {
            id: 'newTicket.descriptionHint',
          }),
          value: this.description,
          max: this.config?.limits.maxDescriptionLength,
          error: this.errors.description ?? '',
          readonly: this.busy,
          onInput: this.handleDescriptionInput,
        })}
        ${colleaguesField(this.client, this.customer, this.busy, this.errors.colleagues ?? '')}
        <sp-file-picker
          exportparts=${exportParts('file-picker')}
          label=${msg('Archivo adjunto (opcional)', { id: 'newTicket.file' })}
          .limits=${this.config?.limits ?? null}
          .file=${this.file}
          .error=${this.errors.file ?? ''}
          ?disabled=${this.busy}
          @sp-file-change=${this.handleFileChange}
        ></sp-file-picker>
        ${
          this.progress !== null
            ? html`<sp-upload-progress
                exportparts=${exportParts('upload-progress')}
                .value=${this.progress}
                label=${msg('Enviando el ticket y su archivo', { id: 'newTicket.uploading' })}
              ></sp-upload-progress>`
            : nothing
        }
        <p id="form-error" class="status error" role="alert" tabindex="-1">${this.formError}</p>
        <p class="visually-hidden" role="status">
          ${this.busy ? msg('Enviando el ticket…', { id: 'newTicket.sending' }) : ''}
        </p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Registrar el ticket', { id: 'newTicket.submit' })}
          </button>
        </div>
      </form>
    `;
  }

  private renderError(field: Field) {
    return html`<p id="${field}-error" class="field-error">${this.errors[field] ?? ''}</p>`;
  }
}

defineElement('sp-new-ticket-screen', NewTicketScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-new-ticket-screen': NewTicketScreen;
  }
}
