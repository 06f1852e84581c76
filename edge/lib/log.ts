/**
 * @module
 * Structured logs: one JSON object per line, which Workers Logs (`[observability]` in
 * wrangler.toml), journald and any log shipper index by field. Callers pass identifiers, routes,
 * statuses and codes only: never a token, password, e-mail address or body.
 */

export type LogLevel = 'info' | 'warn' | 'error';

const write: Record<LogLevel, (line: string) => void> = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

export function logEvent(level: LogLevel, fields: Record<string, unknown>): void {
  write[level](JSON.stringify({ time: new Date().toISOString(), level, ...fields }));
}

/**
 * A message without what a query error appends after `params:` (drizzle puts the query's values
 * there: e-mails, hashes).
 */
export function withoutQueryValues(message: string): string {
  return message.replace(/\s*params:.*$/s, '');
}

/**
 * An error's name and the first line of its message, without query values, cut to 300
 * characters.
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  return `${error.name}: ${withoutQueryValues(error.message.split('\n')[0]!)}`.slice(0, 300);
}
