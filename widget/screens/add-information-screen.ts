/**
 * @module
 * `<sp-add-information-screen>`: more text for a ticket's description, appended and stamped.
 */
import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { TicketDetails } from '../../contract/types.ts';
import { ApiRequestError } from '../api/client.ts';
import { checkText } from '../components/field-check.ts';
import { defineElement } from '../define.ts';
import { InformationAddedEvent } from '../events/information-added.ts';
import { errorMessage, fieldMessage } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/labels.ts';
import { noticeText, type Notice } from '../i18n/notice.ts';
import { shared } from '../styles/shared.ts';
import { draftScope, readDraft, restoredNotice, writeDraft } from './draft.ts';
import { ticketTextStyles } from './ticket-text.styles.ts';
import { textField } from './text-field.ts';
import { TicketScreenElement } from './ticket-screen.ts';

/**
 * @summary Shows the ticket's description and everything added to it so far, read-only, and a
 * field to add more. The text is appended with its date and author; nothing before it changes.
 *
 * @event {InformationAddedEvent} support-portal-information-added - `detail: { number: number }`.
 * @event {NavigateEvent} sp-navigate - To the ticket's details.
 *
 * @csspart description - The description and its additions so far.
 * @csspart form - The field for the new text.
 */
@localized()
export class AddInformationScreen extends TicketScreenElement {
  static override styles = [shared, ticketTextStyles];

  @state() private text = '';
  @state() private fieldError = '';
  @state() private formError = '';
  @state() private done: Notice = null;
  @state() private busy = false;
  /** The box came back with a draft not sent before. */
  @state() private restored = false;

  private get draftKey(): string | null {
    return this.customer
      ? `${draftScope(this.instance, this.customer.id)}add-information:${this.number}`
      : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const arrived = changed.has('customer') && !changed.get('customer');
    if (this.draftKey && (arrived || changed.has('number'))) {
      const text = readDraft<{ text: string }>(this.draftKey)?.text;
      this.text = typeof text === 'string' ? text : '';
      this.restored = Boolean(this.text);
    }
  }

  private handleInput(event: InputEvent): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.fieldError = '';
    this.done = null;
    if (this.draftKey) writeDraft(this.draftKey, this.text ? { text: this.text } : null);
  }

  private handleView(): void {
    this.navigate({ screen: 'ticket', number: this.number });
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const refused = checkText(this.text, this.config?.limits.maxInformationLength);
    if (refused) {
      void this.showFieldError(fieldMessage(refused));
      return;
    }
    this.busy = true;
    this.formError = '';
    this.done = null;
    try {
      this.ticket = await this.client.addInformation(this.number, this.text);
      if (this.draftKey) writeDraft(this.draftKey, null);
      this.text = '';
      this.restored = false;
      this.done = () => msg('Información añadida al ticket.', { id: 'addInformation.done' });
      this.dispatchEvent(new InformationAddedEvent({ number: this.number }));
      void this.focusWhenRendered('#done');
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.fields?.text : undefined;
      if (code) {
        void this.showFieldError(fieldMessage(code));
      } else {
        this.formError =
          error instanceof ApiRequestError && error.code === 'wrong_state'
            ? msg('Este ticket ya está cerrado y no admite más información.', {
                id: 'addInformation.closed',
              })
            : errorMessage(error);
        if (error instanceof ApiRequestError && error.code === 'wrong_state') {
          // Closed meanwhile: the screen says so in place of the form.
          void this.load().then(() =>
            this.focusWhenRendered(this.ticket?.status === 'closed' ? '#closed' : '#form-error'),
          );
        } else {
          void this.focusWhenRendered('#form-error');
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async showFieldError(message: string): Promise<void> {
    this.fieldError = message;
    await this.focusWhenRendered('#text');
  }

  protected override render() {
    const heading = msg(str`Añadir información al ticket ${String(this.number)}`, {
      id: 'addInformation.heading',
    });
    return html`
      <h2 tabindex="-1">${heading}</h2>
      ${this.ticket ? this.renderTicket(this.ticket) : this.renderLoadState()}
    `;
  }

  private renderTicket(ticket: TicketDetails) {
    return html`
      <section part="description" aria-labelledby="description-heading">
        <h3 id="description-heading">
          ${msg('Descripción hasta ahora', { id: 'addInformation.current' })}
        </h3>
        <div class="box">
          <p class="meta">
            ${msg(str`Registrado el ${formatDateTime(ticket.createdAt)}`, {
              id: 'addInformation.original',
            })}
          </p>
          <p class="text">${ticket.description}</p>
        </div>
        ${
          ticket.additions.length
            ? html`<ol class="additions">
                ${ticket.additions.map(
                  (addition) => html`
                    <li class="box">
                      <p class="meta">
                        ${
                          addition.author
                            ? msg(
                                str`Añadido el ${formatDateTime(addition.at)} por ${addition.author}`,
                                { id: 'addInformation.addedBy' },
                              )
                            : msg(str`Añadido el ${formatDateTime(addition.at)}`, {
                                id: 'addInformation.added',
                              })
                        }
                      </p>
                      <p class="text">${addition.text}</p>
                    </li>
                  `,
                )}
              </ol>`
            : nothing
        }
      </section>
      ${ticket.status === 'closed' ? this.renderClosed() : this.renderForm()}
    `;
  }

  private renderClosed() {
    return html`
      <p id="closed" class="status" role="status" tabindex="-1">
        ${msg('Este ticket está cerrado: ya no admite más información.', {
          id: 'addInformation.isClosed',
        })}
      </p>
      <div class="actions">
        <button type="button" @click=${this.handleView}>
          ${msg('Ver el ticket', { id: 'addInformation.viewClosed' })}
        </button>
      </div>
    `;
  }

  private renderForm() {
    return html`
      <form part="form" novalidate @submit=${this.handleSubmit}>
        <p class="status" role="status">${this.restored ? restoredNotice() : ''}</p>
        ${textField({
          id: 'text',
          label: msg('Información que quiere añadir', { id: 'addInformation.label' }),
          requiredMark: msg('(obligatoria)', { id: 'addInformation.required' }),
          hint: msg(
            'Se añadirá a la descripción con la fecha y su nombre; el texto anterior no cambia.',
            { id: 'addInformation.hint' },
          ),
          value: this.text,
          max: this.config?.limits.maxInformationLength,
          error: this.fieldError,
          readonly: this.busy,
          onInput: this.handleInput,
        })}
        <p id="form-error" class="status error" role="alert" tabindex="-1">${this.formError}</p>
        <p id="done" class="status success" role="status" tabindex="-1">${noticeText(this.done)}</p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Añadir al ticket', { id: 'addInformation.submit' })}
          </button>
          <button type="button" @click=${this.handleView}>
            ${msg('Ver el ticket', { id: 'addInformation.view' })}
          </button>
        </div>
      </form>
    `;
  }
}

defineElement('sp-add-information-screen', AddInformationScreen);

declare global {
  interface HTMLElementTagNameMap {
    'sp-add-information-screen': AddInformationScreen;
  }
}
