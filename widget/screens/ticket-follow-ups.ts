/**
 * @module
 * A ticket's follow-up links on its details: the closed ticket it follows up, the follow-ups
 * opened from it, and for its requester, while the window is open, "open a follow-up".
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { TicketDetails } from '../../contract/types.ts';
import { formatDate } from '../i18n/labels.ts';
import type { Route } from '../navigation.ts';

export function renderFollowUps(ticket: TicketDetails, navigate: (route: Route) => void) {
  const link = (number: number) =>
    html`<button class="link" type="button" @click=${() => navigate({ screen: 'ticket', number })}>
      ${msg(str`Ticket ${number}`, { id: 'ticket.number' })}
    </button>`;
  const canFollowUp = ticket.followUpUntil !== null && ticket.role === 'requester';
  if (ticket.followUpOf === null && !ticket.followUps.length && !canFollowUp) return nothing;
  return html`
    <section aria-labelledby="follow-ups-heading" class="follow-ups">
      <h3 id="follow-ups-heading">${msg('Seguimiento', { id: 'followUps.heading' })}</h3>
      ${
        ticket.followUpOf !== null
          ? html`<p>
              ${msg('Es un seguimiento de:', { id: 'followUps.of' })} ${link(ticket.followUpOf)}
            </p>`
          : nothing
      }
      ${
        ticket.followUps.length
          ? html`<p>${msg('Seguimientos abiertos:', { id: 'followUps.list' })}</p>
              <ul>
                ${ticket.followUps.map((number) => html`<li>${link(number)}</li>`)}
              </ul>`
          : nothing
      }
      ${
        canFollowUp
          ? html`<p class="muted">
                ${msg(
                  str`Si el problema ha vuelto, puede abrir un seguimiento hasta el ${formatDate(ticket.followUpUntil!)}.`,
                  { id: 'followUps.hint' },
                )}
              </p>
              <button
                type="button"
                @click=${() => navigate({ screen: 'new-ticket', followUpOf: ticket.number })}
              >
                ${msg('Abrir un seguimiento', { id: 'followUps.open' })}
              </button>`
          : nothing
      }
    </section>
  `;
}
