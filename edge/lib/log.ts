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
 * An error's name and the first line of its message, without what a query error appends after
 * `params:` (drizzle puts the query's values there: e-mails, hashes), cut to 300 characters.
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const message = error.message.split('\n')[0]!.replace(/\s*params:.*$/s, '');
  return `${error.name}: ${message}`.slice(0, 300);
}
