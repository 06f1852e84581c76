/**
 * @module
 * The new-ticket form's optional "colleagues in copy" field: a colleague picker, offered only
 * to customers of an organization.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Customer } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { exportParts } from '../parts.ts';
import './colleague-picker.ts';

/** `error`: why the API refused the choice, shown under the picker. */
export function colleaguesField(
  client: ApiClient,
  customer: Customer | null,
  busy: boolean,
  error: string,
) {
  if (!customer?.organization) return nothing;
  // A group named by the visible text, so the picker's button is announced within it.
  return html`<div class="field" role="group" aria-labelledby="colleagues-label">
    <span class="label" id="colleagues-label">
      ${msg('Colegas en copia (opcional)', { id: 'newTicket.colleagues' })}
    </span>
    <sp-colleague-picker
      exportparts=${exportParts('colleague-picker')}
      .client=${client}
      label=${msg('Elegir colegas', { id: 'newTicket.chooseColleagues' })}
      .refusal=${error}
      ?disabled=${busy}
    ></sp-colleague-picker>
  </div>`;
}

/** The ids chosen in the form's picker, if it has one. */
export function chosenColleagues(root: ParentNode): string[] {
  return root.querySelector('sp-colleague-picker')?.value ?? [];
}
