/**
 * @module
 * What a start checks beyond each setting's own shape (a missing or short TOKEN_SECRET, a
 * wildcard origin are refused by `loadConfig` in every environment): a production start with settings that
 * are only safe for a local demo (mail printed to a log, no page allowed to call the API, demo
 * accounts whose password is public, the development routes) refuses, and says what to set.
 * Each runtime's entry point calls `assertSafeStart` before it serves anything.
 */
import type { AppConfig } from './config.ts';

/** What the entry point knows about its start beyond the config. */
export interface StartFacts {
  /** Every route the runtime serves (Hono's `app.routes`). */
  routes: readonly { path: string }[];
  /** Whether the database holds the demo's customers, whose password is in the README. */
  demoData: boolean;
}

/** One line per unsafe setting, each saying what to set instead; empty when it may start. */
export function unsafeProductionSettings(config: AppConfig, facts: StartFacts): string[] {
  if (config.ENVIRONMENT !== 'production') return [];
  const problems: string[] = [];
  if (config.MAIL_PROVIDER === 'console') {
    problems.push(
      'MAIL_PROVIDER is console, which prints set-password links to the log and e-mails no one: ' +
        'set MAIL_PROVIDER to postmark, resend or ses, with its settings (docs/operations.md)',
    );
  }
  if (config.ALLOWED_ORIGINS.length === 0) {
    problems.push(
      'ALLOWED_ORIGINS is empty, so no page can call the API: set it to the origins of the pages ' +
        'that embed the portal, comma-separated (https://www.example.com)',
    );
  }
  if (!config.PORTAL_URL) {
    problems.push(
      'PORTAL_URL is not set, so e-mails carry no links: set it to the page that embeds the portal',
    );
  }
  if (config.RETENTION_UPLOAD_HOURS === 0) {
    problems.push(
      'RETENTION_UPLOAD_HOURS is 0, which removes the bytes of uploads still in flight: ' +
        'set it to 1 or more (24 by default)',
    );
  }
  if (facts.demoData) {
    problems.push(
      'the database holds the demo data, whose passwords are public: use a database of its own ' +
        'for production (a fresh LIBSQL_URL, then npm run migrate)',
    );
  }
  const devRoutes = [...new Set(facts.routes.map((route) => route.path))].filter((path) =>
    path.startsWith('/dev/'),
  );
  if (devRoutes.length > 0) {
    problems.push(`development routes are served (${devRoutes.join(', ')}): they are demo tools`);
  }
  return problems;
}

/** Throws one error listing every unsafe production setting, or returns when there is none. */
export function assertSafeStart(config: AppConfig, facts: StartFacts): void {
  const problems = unsafeProductionSettings(config, facts);
  if (problems.length === 0) return;
  throw new UnsafeConfigError(problems);
}

/**
 * For Node and Deno: prints what to set and exits, rather than a stack trace, when the start is
 * unsafe.
 */
export function exitIfUnsafe(
  config: AppConfig,
  facts: StartFacts,
  exit: (code: number) => never,
): void {
  const problems = unsafeProductionSettings(config, facts);
  if (problems.length === 0) return;
  console.error(new UnsafeConfigError(problems).message);
  exit(1);
}

export class UnsafeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Refusing to start with ENVIRONMENT=production:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'For a local demo, set ENVIRONMENT=development instead.',
    );
    this.name = 'UnsafeConfigError';
  }
}
