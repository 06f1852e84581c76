/**
 * A production start with settings only safe for a local demo refuses on each runtime, saying
 * what to set: Node (`edge/node.ts`) and Deno (`deno serve edge/deno.ts`) exit before serving;
 * the Worker, which has no start of its own, answers 503 and logs the reason. The rules
 * themselves: tests/api/config-check.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { drizzle } from 'drizzle-orm/libsql';
import { createClient } from '@libsql/client';
import { ROUTES } from '../../contract/routes.ts';
import * as schema from '../../edge/db/schema.ts';
import { loadDemoData } from '../../edge/demo/demo-data.ts';
import { applyMigrations } from '../../edge/node/migrate.ts';
import { demoCategories } from '../support/app.ts';
import { startDenoServe } from './support/deno.ts';
import { freePort, startServer, temporaryFolder } from '../../edge/node/child-servers.ts';
import { SAFE_PRODUCTION_VARS } from './support/production.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { startWranglerDev } from './support/wrangler.ts';

const SECRET = 'a-production-secret-of-at-least-32-characters';
const REFUSAL = /Refusing to start with ENVIRONMENT=production/;

let sqld: LibsqlServer | undefined;
before(async () => (sqld = await startSqld()), { timeout: 60_000 });
after(() => sqld?.stop());

/** Starts edge/node.ts in production on a fresh folder; resolves with what it printed. */
async function startNodeProduction(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const started = startServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'edge/node.ts'],
    env: {
      DATA_DIR: temporaryFolder('portal-start-'),
      PORT: String(port),
      ENVIRONMENT: 'production',
      ...env,
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: ROUTES.config,
  });
  const server = await started.catch((error: Error) => error);
  if (!(server instanceof Error)) {
    await server.stop();
    assert.fail('Node served in production with unsafe settings');
  }
  return server.message;
}

test('Node in production without TOKEN_SECRET exits, saying how to make one', async () => {
  const output = await startNodeProduction(SAFE_PRODUCTION_VARS);
  assert.match(output, /TOKEN_SECRET: not set: set it to at least 32 random characters/);
  assert.doesNotMatch(output, /Support portal running/);
});

test('Node in production with the console mailer and no origins exits, listing both', async () => {
  const output = await startNodeProduction({ TOKEN_SECRET: SECRET });
  assert.match(output, REFUSAL);
  assert.match(output, /MAIL_PROVIDER is console/);
  assert.match(output, /ALLOWED_ORIGINS is empty/);
  assert.match(output, /PORTAL_URL is not set/);
  assert.doesNotMatch(output, /Demo login/);
});

test('Node in production on a database with the demo data exits', async () => {
  const dir = temporaryFolder('portal-demo-db-');
  const client = createClient({ url: `file:${dir}/portal.db` });
  const db = drizzle(client, { schema });
  await applyMigrations(db);
  await loadDemoData(db, demoCategories, 10_000, new Date());
  client.close();
  const output = await startNodeProduction({
    ...SAFE_PRODUCTION_VARS,
    TOKEN_SECRET: SECRET,
    LIBSQL_URL: `file:${dir}/portal.db`,
  });
  assert.match(output, /the database holds the demo data/);
});

test('Node in production with safe settings serves and is healthy, without demo data', async () => {
  const port = await freePort();
  const server = await startServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'edge/node.ts'],
    env: {
      ...SAFE_PRODUCTION_VARS,
      DATA_DIR: temporaryFolder('portal-start-'),
      PORT: String(port),
      ENVIRONMENT: 'production',
      TOKEN_SECRET: SECRET,
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: ROUTES.config,
  });
  try {
    const login = await fetch(`${server.url}${ROUTES.session}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana.garcia@example.com', password: 'demo-portal-2026' }),
    });
    assert.equal(login.status, 401);
    assert.equal((await fetch(`${server.url}/dev/outbox`)).status, 404);
    assert.equal((await fetch(`${server.url}${ROUTES.health}`)).status, 200);
  } finally {
    await server.stop();
  }
});

test('Deno in production with the console mailer exits, saying what to set', async () => {
  const started = await startDenoServe({
    LIBSQL_URL: sqld!.url,
    TOKEN_SECRET: SECRET,
    MAIL_PROVIDER: 'console',
  }).catch((error: Error) => error);
  if (!(started instanceof Error)) {
    await started.stop();
    assert.fail('Deno served in production with the console mailer');
  }
  assert.match(started.message, REFUSAL);
  assert.match(
    started.message,
    /MAIL_PROVIDER is console.*set MAIL_PROVIDER to postmark, resend or ses/,
  );
});

test('the Worker in production with the console mailer answers 503 and logs what to set', async () => {
  const worker = await startWranglerDev({
    LIBSQL_URL: sqld!.url,
    TOKEN_SECRET: SECRET,
    MAIL_PROVIDER: 'console',
  });
  try {
    const response = await fetch(`${worker.url}${ROUTES.config}`);
    assert.equal(response.status, 503);
    assert.equal((await response.json()).error.code, 'service_unavailable');
    await worker.waitForOutput(
      /MAIL_PROVIDER is console.*set MAIL_PROVIDER to postmark, resend or ses/,
    );
  } finally {
    await worker.stop();
  }
});

test('the Worker with a wildcard origin answers 503 and logs why', async () => {
  const worker = await startWranglerDev({
    LIBSQL_URL: sqld!.url,
    TOKEN_SECRET: SECRET,
    ALLOWED_ORIGINS: '*',
  });
  try {
    assert.equal((await fetch(`${worker.url}${ROUTES.config}`)).status, 503);
    await worker.waitForOutput(/ALLOWED_ORIGINS\.0: list each origin; a wildcard/);
  } finally {
    await worker.stop();
  }
});

test('the Worker with its database out of reach answers 503 and logs the query without its values', async () => {
  const worker = await startWranglerDev({
    LIBSQL_URL: `http://127.0.0.1:${await freePort()}`,
    TOKEN_SECRET: SECRET,
  });
  try {
    const response = await fetch(`${worker.url}${ROUTES.config}`);
    assert.equal(response.status, 503);
    assert.equal((await response.json()).error.code, 'service_unavailable');
    // The start check looks the demo login up; its address must not reach the log.
    await worker.waitForOutput(/Failed query: select "id" from "customers"/);
    assert.doesNotMatch(worker.output(), /ana\.garcia@example\.com|params:/);
  } finally {
    await worker.stop();
  }
});
