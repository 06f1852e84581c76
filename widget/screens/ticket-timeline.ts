/**
 * @module
 * How a ticket's timeline reads: a localized sentence per kind of event, and who did it.
 */
import { msg, str } from '@lit/localize';
import { html } from 'lit';
import type { TimelineEvent } from '../../contract/types.ts';
import { formatDateTime, statusLabel } from '../i18n/labels.ts';

function what(event: TimelineEvent, autoAcceptDays: number | null): string {
  switch (event.kind) {
    case 'created':
      return msg('Ticket registrado', { id: 'timeline.created' });
    case 'information_added':
      return msg('Información añadida', { id: 'timeline.information_added' });
    case 'attachment_added': {
      const name = event.text ?? '';
      return msg(str`Archivo adjuntado: ${name}`, { id: 'timeline.attachment_added' });
    }
    case 'status_changed': {
      const status = event.status ? statusLabel(event.status) : '';
      return msg(str`Estado cambiado a: ${status}`, { id: 'timeline.status_changed' });
    }
    case 'solution_proposed':
      return msg('Solución propuesta', { id: 'timeline.solution_proposed' });
    case 'solution_accepted':
      return msg('Solución aceptada: ticket cerrado', { id: 'timeline.solution_accepted' });
    case 'solution_rejected':
      return msg('Solución rechazada', { id: 'timeline.solution_rejected' });
    case 'solution_auto_accepted':
      return autoAcceptDays
        ? msg(str`Solución aceptada automáticamente: no hubo respuesta en ${autoAcceptDays} días`, {
            id: 'timeline.solution_auto_accepted_days',
          })
        : msg('Solución aceptada automáticamente por falta de respuesta', {
            id: 'timeline.solution_auto_accepted',
          });
    case 'public_comment':
      return msg('Comentario del servicio de soporte', { id: 'timeline.public_comment' });
    case 'rated':
      return msg('Atención valorada', { id: 'timeline.rated' });
    case 'colleague_added': {
      const name = event.text ?? '';
      return msg(str`En copia: ${name}`, { id: 'timeline.colleague_added' });
    }
    case 'follow_up_opened': {
      const number = event.text ?? '';
      return msg(str`Seguimiento abierto: ticket ${number}`, { id: 'timeline.follow_up_opened' });
    }
    case 'customer_replied':
      return msg('Respuesta enviada: ticket en curso de nuevo', {
        id: 'timeline.customer_replied',
      });
  }
}

/** Customers by name; the desk and the system in the reader's language. */
function who(event: TimelineEvent): string {
  if (event.actor.type === 'customer' && event.actor.name) return event.actor.name;
  return event.actor.type === 'desk'
    ? msg('Servicio de soporte', { id: 'timeline.actor.desk' })
    : event.actor.type === 'system'
      ? msg('Sistema', { id: 'timeline.actor.system' })
      : msg('Cliente', { id: 'timeline.actor.customer' });
}

/** Texts that `what` already names (the file name) are not repeated below it. */
const TEXT_SHOWN: ReadonlySet<TimelineEvent['kind']> = new Set([
  'information_added',
  'solution_proposed',
  'solution_rejected',
  'public_comment',
]);

export function renderTimeline(events: TimelineEvent[], autoAcceptDays: number | null) {
  return html`<ol class="timeline">
    ${events.map(
      (event) =>
        html`<li data-kind=${event.kind}>
          <p class="when">
            <time datetime=${event.at}>${formatDateTime(event.at)}</time> · ${who(event)}
          </p>
          <p class="what">${what(event, autoAcceptDays)}</p>
          ${event.text && TEXT_SHOWN.has(event.kind) ? html`<p class="text">${event.text}</p>` : ''}
        </li>`,
    )}
  </ol>`;
}
