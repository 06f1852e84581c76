/**
 * @module
 * A real portal for a test file: the app built from its ports over a fresh libSQL file and a
 * fresh attachments folder, migrations applied, demo data loaded (with the demo's category tree
 * unless the test brings its own), and a clock the test can move.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../../edge/app.ts';
import { loadConfig } from '../../edge/config.ts';
import type { CategoryInput } from '../../contract/category-tree.ts';
import type { NewCustomer } from '../../contract/customer-schema.ts';
import { createCustomer } from '../../edge/db/customers.ts';
import { DEMO_LOGIN, loadDemoData } from '../../edge/demo/demo-data.ts';
import * as schema from '../../edge/db/schema.ts';
import { consoleMailer } from '../../edge/mail/console-mailer.ts';
import { diskStore } from '../../edge/node/disk-store.ts';
import { applyMigrations } from '../../edge/node/migrate.ts';
import { openDatabase } from '../../edge/node/ports.ts';
import type { Clock, Ports } from '../../edge/ports.ts';

export const demoCategories: CategoryInput[] = JSON.parse(
  readFileSync(new URL('../../demo/categories.json', import.meta.url), 'utf8'),
);

/**
 * The widget tests' own category tree (tests/fixtures/categories.json): they name its labels,
 * so an edit to the demo's copy cannot break them.
 */
export const fixtureCategories: CategoryInput[] = JSON.parse(
  readFileSync(new URL('../fixtures/categories.json', import.meta.url), 'utf8'),
);

/** A clock that stands still until the test moves it. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-20T09:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Low iterations keep tests fast; the format and the code path are the production ones. */
const TEST_ITERATIONS = '10000';

export async function startPortal(
  env: Record<string, string> = {},
  categoryTree: CategoryInput[] = demoCategories,
) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  // The client the embedded default uses on a file.
  const client = openDatabase(`file:${join(dir, 'portal.db')}`);
  const db = drizzle(client, { schema });
  const clock = new TestClock();
  const mailer = consoleMailer(() => {});
  const ports: Ports = {
    db,
    store: diskStore(join(dir, 'attachments')),
    mailer,
    clock,
    config: loadConfig({
      ENVIRONMENT: 'development',
      TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256',
      PBKDF2_ITERATIONS: TEST_ITERATIONS,
      ALLOWED_ORIGINS: 'https://shop.example.com',
      // Rate limits high enough for suites that log in many times; tests of limits lower them.
      RATE_LIMIT_PER_ADDRESS: '10000',
      RATE_LIMIT_PER_EMAIL: '10000',
      LOCKOUT_FAILURES: '10000',
      // A cheap captcha, so tests that solve one stay fast.
      CAPTCHA_COST: '100',
      ...env,
    }),
  };
  await applyMigrations(db);
  await loadDemoData(db, categoryTree, ports.config.PBKDF2_ITERATIONS, clock.now());
  const app = createApp(ports);

  return {
    app,
    ports,
    db,
    client,
    clock,
    mailer,
    dir,
    /** Sends a request to the app as a browser on the allowed origin would. */
    request: async (path: string, init: RequestInit = {}) => app.request(path, init),
    async createCustomer(input: Partial<NewCustomer> = {}) {
      const suffix = crypto.randomUUID().slice(0, 8);
      const data = {
        email: `customer-${suffix}@example.com`,
        name: `Customer ${suffix}`,
        organization: 'Example Org',
        password: `password-${suffix}`,
        ...input,
      };
      const row = await createCustomer(db, data, ports.config.PBKDF2_ITERATIONS, clock.now());
      return { ...row, password: data.password };
    },
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestPortal = Awaited<ReturnType<typeof startPortal>>;
export { DEMO_LOGIN };
