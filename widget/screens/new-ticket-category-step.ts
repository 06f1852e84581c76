/**
 * @module
 * Step 1 of the new-ticket form: the guided category menu, or what stands in for it while there
 * is none (loading, a failed load with a retry, no categories at all with the way to contact).
 */
import { msg } from '@lit/localize';
import { html } from 'lit';
import type { CategoryNode } from '../../contract/types.ts';
import '../components/category-menu.ts';
import type { CategorySelectEvent } from '../events/category-select.ts';
import { exportParts } from '../parts.ts';

export interface CategoryStepOptions {
  /** Null while they load. */
  categories: CategoryNode[] | null;
  loadError: string;
  /** The id of the category chosen before, if any: the menu opens on it. */
  chosen: string;
  /** Called with the component that renders the step as `this`, as Lit binds listeners. */
  onRetry: () => void;
  onSelect: (event: CategorySelectEvent) => void;
  onContact: () => void;
}

export function categoryStep(step: CategoryStepOptions) {
  return html`
    <p class="step">
      ${msg('Paso 1 de 2: elija la categoría que mejor describa su problema o su necesidad.', {
        id: 'newTicket.step1',
      })}
    </p>
    ${
      step.loadError
        ? html`<p class="status error" role="alert">${step.loadError}</p>
            <button type="button" @click=${step.onRetry}>
              ${msg('Reintentar', { id: 'newTicket.retry' })}
            </button>`
        : step.categories === null
          ? html`<p role="status">${msg('Cargando categorías…', { id: 'newTicket.loading' })}</p>`
          : step.categories.length === 0
            ? noCategories(step.onContact)
            : html`<sp-category-menu
                part="category-menu"
                exportparts=${exportParts('category-menu')}
                .categories=${step.categories}
                .value=${step.chosen}
                @sp-category-select=${step.onSelect}
              ></sp-category-menu>`
    }
  `;
}

function noCategories(onContact: () => void) {
  return html`
    <p class="status" role="status">
      ${msg('Todavía no hay categorías para registrar tickets. Escríbanos o llámenos.', {
        id: 'newTicket.noCategories',
      })}
    </p>
    <div class="actions">
      <button type="button" @click=${onContact}>
        ${msg('Contacto', { id: 'newTicket.contact' })}
      </button>
    </div>
  `;
}
