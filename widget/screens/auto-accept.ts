/**
 * @module
 * The date by which a proposed solution is accepted for the customer who does not answer,
 * said the same way wherever a pending solution is shown (its details, the answer screen).
 */
import { msg, str } from '@lit/localize';
import type { PublicConfig, TicketDetails } from '../../contract/types.ts';
import { formatDate } from '../i18n/labels.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "If you don't respond by 30 November, the solution will be accepted automatically", or null
 * while the configuration or the proposal's date is unknown.
 */
export function autoAcceptDeadline(
  ticket: TicketDetails,
  config: PublicConfig | null,
): string | null {
  const days = config?.autoAcceptDays;
  if (!days || !ticket.solutionProposedAt) return null;
  const deadline = formatDate(new Date(Date.parse(ticket.solutionProposedAt) + days * DAY_MS));
  return msg(str`Si no responde antes del ${deadline}, la solución se aceptará automáticamente.`, {
    id: 'solution.deadline',
  });
}
