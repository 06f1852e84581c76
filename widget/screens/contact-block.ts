/**
 * @module
 * `<sp-contact-block>`: how to reach the company: the host page's own block (the portal's
 * `contact` slot), else the contact of `GET /api/config`.
 */
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ContactBlock as Contact } from '../../contract/types.ts';
import { defineElement } from '../define.ts';
import { shared } from '../styles/shared.ts';
import { ScreenElement } from './screen.ts';

/**
 * @summary The contact screen: the company's ways to be reached as labelled rows, and a way back
 * to home (or to the login, before it). The portal's footer hides its Contact link here.
 * @slot - The host page's contact block, forwarded from `<support-portal>`'s `contact` slot.
 */
export class ContactBlock extends ScreenElement {
  static override styles = [
    shared,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(6em, max-content) 1fr;
        gap: 0.5em 1.5em;
        margin: 0 0 var(--_space);
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }

      dt {
        color: var(--_muted);
      }

      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }

      /* One column on a narrow screen: each label above its value. */
      @container (max-width: 24em) {
        dl {
          grid-template-columns: 1fr;
          gap: 0 0;
        }

        dd + dt {
          margin-top: 0.75em;
        }
      }

      :host {
        container-type: inline-size;
      }
    `,
  ];

  /** The configured contact, from the API. */
  @property({ attribute: false }) contact: Contact | null = null;

  /** Whether the host page supplied its own block, which then replaces the configured one. */
  @property({ type: Boolean }) custom = false;

  override render() {
    return html`
      <h2 tabindex="-1">${msg('Contacto', { id: 'portal.contact' })}</h2>
      ${this.custom ? html`<slot></slot>` : this.renderContact()}
      <div class="actions">
        <button class="link" type="button" @click=${this.handleBack}>
          ${
            this.customer
              ? msg('Volver al inicio', { id: 'contact.backHome' })
              : msg('Volver a la entrada', { id: 'contact.backLogin' })
          }
        </button>
      </div>
    `;
  }

  private handleBack(): void {
    this.navigate({ screen: this.customer ? 'home' : 'login' });
  }

  private renderContact() {
    const contact = this.contact;
    if (!contact) return nothing;
    return html`
      <p><strong>${contact.name ?? msg('Atención al cliente', { id: 'portal.title' })}</strong></p>
      <dl>
        ${
          contact.email
            ? html`<dt>${msg('Correo electrónico', { id: 'login.email' })}</dt>
                <dd><a href="mailto:${contact.email}">${contact.email}</a></dd>`
            : nothing
        }
        ${
          contact.phone
            ? html`<dt>${msg('Teléfono', { id: 'contact.phone' })}</dt>
                <dd><a href="tel:${contact.phone.replace(/[^\d+]/g, '')}">${contact.phone}</a></dd>`
            : nothing
        }
        ${
          contact.hours
            ? html`<dt>${msg('Horario', { id: 'contact.hours' })}</dt>
                <dd>${contact.hours}</dd>`
            : nothing
        }
        ${
          contact.url && /^https?:\/\//i.test(contact.url)
            ? html`<dt>${msg('Web', { id: 'contact.url' })}</dt>
                <dd>
                  <a href=${contact.url} target="_blank" rel="noopener noreferrer"
                    >${contact.url}</a
                  >
                </dd>`
            : nothing
        }
      </dl>
    `;
  }
}

defineElement('sp-contact-block', ContactBlock);

declare global {
  interface HTMLElementTagNameMap {
    'sp-contact-block': ContactBlock;
  }
}
