/**
 * @module
 * Localized names of the contract's vocabulary (ticket statuses, urgencies, languages) and
 * Intl formatting of dates and sizes in the active language, shared by every screen.
 */
import { msg } from '@lit/localize';
import type { Language, TicketStatus, Urgency } from '../../contract/domain.ts';
import { currentLanguage } from './localization.ts';

const STATUS: Record<TicketStatus, () => string> = {
  new: () => msg('Nuevo', { id: 'status.new' }),
  in_progress: () => msg('En curso', { id: 'status.in_progress' }),
  waiting_for_customer: () => msg('Esperando su respuesta', { id: 'status.waiting_for_customer' }),
  resolved: () => msg('Solución propuesta', { id: 'status.resolved' }),
  closed: () => msg('Cerrado', { id: 'status.closed' }),
};

const URGENCY: Record<Urgency, () => string> = {
  low: () => msg('Baja', { id: 'urgency.low' }),
  medium: () => msg('Media', { id: 'urgency.medium' }),
  high: () => msg('Alta', { id: 'urgency.high' }),
  critical: () => msg('Crítica', { id: 'urgency.critical' }),
};

/** Each language named in itself, as language menus do: a reader finds their own. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  es: 'Español',
  pt: 'Português',
  en: 'English',
  fr: 'Français',
  it: 'Italiano',
  ca: 'Català',
};

export function statusLabel(status: TicketStatus): string {
  return STATUS[status]();
}

export function urgencyLabel(urgency: Urgency): string {
  return URGENCY[urgency]();
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long' };

/**
 * One formatter per style and language: making an `Intl.DateTimeFormat` costs about a
 * millisecond, so making one per date turned a list of 25 tickets into a long task.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: 'dateTime' | 'date'): Intl.DateTimeFormat {
  const key = `${style}:${currentLanguage()}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(currentLanguage(), style === 'date' ? DATE : DATE_TIME);
    formatters.set(key, format);
  }
  return format;
}

/**
 * Makes the active language's date formatters ahead of the first list of tickets, a step per
 * task. A page's first use of `Intl` loads the browser's locale data (tens of milliseconds, more
 * on a busy machine), which would otherwise lengthen the task that renders that list; called
 * once a logged-in customer's language is known, so the steps run while the list is fetched.
 */
export function prepareDateFormats(): void {
  const steps = [
    () => new Intl.Locale(currentLanguage()).maximize(),
    () => new Intl.NumberFormat(currentLanguage()).format(0),
    () => formatter('dateTime').format(0),
    () => formatter('date').format(0),
  ];
  const next = () => {
    steps.shift()?.();
    if (steps.length) setTimeout(next);
  };
  setTimeout(next);
}

/** A date and time, as people of the active language write it. */
export function formatDateTime(iso: string): string {
  return formatter('dateTime').format(new Date(iso));
}

export function formatDate(iso: string | Date): string {
  return formatter('date').format(new Date(iso));
}

/**
 * A file size in the unit a reader expects ("57 bytes", "1.2 kB", "10 MB"), in binary multiples
 * as file managers count them: the 10 MB limit (10 × 1024²) reads "10 MB", not "10,5 MB". Bytes
 * are spelled out, in the number's plural form ("1 byte", "57 octets"): their short form is
 * invariable in some languages ("57 byte" in English, "1 bytes" in Portuguese).
 */
export function formatBytes(bytes: number): string {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(currentLanguage(), {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
