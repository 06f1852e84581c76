/**
 * @module
 * The ticket tool a configuration connects, if any: Request Tracker when `RT_URL` is set.
 */
import type { AppConfig } from '../config.ts';
import type { TicketConnector } from '../ports.ts';
import { rtConnector } from './rt.ts';

export function connectorFromConfig(
  config: AppConfig,
  fetchImpl?: typeof fetch,
): TicketConnector | undefined {
  if (!config.RT_URL) return undefined;
  const authorization = config.RT_TOKEN
    ? `token ${config.RT_TOKEN}`
    : `Basic ${btoa(config.RT_BASIC_AUTH!)}`;
  return rtConnector({
    url: config.RT_URL,
    authorization,
    ticketField: config.RT_TICKET_FIELD,
    messageField: config.RT_MESSAGE_FIELD,
    solutionField: config.RT_SOLUTION_FIELD,
    timeoutMs: config.RT_TIMEOUT_MS,
    fetch: fetchImpl,
  });
}
