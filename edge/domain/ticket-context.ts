/**
 * @module
 * The host page's context a new ticket carries (`context` on `<support-portal>`, sent as a JSON
 * form field): checked against `ticketContext` and the byte limit, stored as JSON text, and read
 * back for the desk.
 */
import { safeParse } from 'zod/mini';
import { TICKET_CONTEXT_LIMITS } from '../../contract/domain.ts';
import { ticketContext } from '../../contract/schemas.ts';
import type { TicketContext } from '../../contract/types.ts';
import { ApiError } from '../errors.ts';

/** The JSON to store, or null without a context; `validation_failed` for anything else. */
export function storedTicketContext(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError('validation_failed', { context: 'invalid' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError('validation_failed', { context: 'invalid' });
  }
  const parsed = safeParse(ticketContext, value);
  if (!parsed.success) throw new ApiError('validation_failed', { context: 'invalid' });
  if (Object.keys(parsed.data).length === 0) return null;
  const json = JSON.stringify(parsed.data);
  if (new TextEncoder().encode(json).length > TICKET_CONTEXT_LIMITS.bytes) {
    throw new ApiError('validation_failed', { context: 'too_long' });
  }
  return json;
}

/** The stored context as the desk sees it. */
export function readTicketContext(stored: string | null): TicketContext | null {
  return stored === null ? null : (JSON.parse(stored) as TicketContext);
}
