/**
 * Observability on the Node app: a request id on every answer (kept from `cf-ray` or a sane
 * `X-Request-Id`), one JSON log line per error answer and per job run carrying it, with no
 * password, e-mail or token; `GET /api/health` naming the part that failed. The same on the
 * Worker: tests/runtimes/workers.test.ts.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test, type TestContext } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import type { Health } from '../../contract/types.ts';
import { runLoggedJob } from '../../edge/jobs/scheduled.ts';
import { diskStore } from '../../edge/node/disk-store.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let portal: TestPortal;
beforeEach(async () => (portal = await startPortal()));
afterEach(() => portal.close());

/** The JSON lines the code under test logs, on any console method, while `run` runs. */
async function logLines(t: TestContext, run: () => Promise<unknown>) {
  const lines: string[] = [];
  for (const method of ['log', 'warn', 'error'] as const) {
    t.mock.method(console, method, (line: unknown) => lines.push(String(line)));
  }
  await run();
  t.mock.restoreAll();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('every answer carries a new request id, an error as much as a success', async () => {
  const ok = await portal.request(ROUTES.config);
  const missing = await portal.request('/api/no-such-route');
  assert.match(ok.headers.get('x-request-id')!, UUID);
  assert.match(missing.headers.get('x-request-id')!, UUID);
  assert.notEqual(ok.headers.get('x-request-id'), missing.headers.get('x-request-id'));
});

test("Cloudflare's cf-ray is the request id, before the caller's X-Request-Id", async () => {
  const both = await portal.request(ROUTES.config, {
    headers: { 'cf-ray': '8f1c2d3e4a5b6c7d-MAD', 'x-request-id': 'from-the-caller' },
  });
  assert.equal(both.headers.get('x-request-id'), '8f1c2d3e4a5b6c7d-MAD');
  const caller = await portal.request(ROUTES.config, {
    headers: { 'x-request-id': 'from-the-caller' },
  });
  assert.equal(caller.headers.get('x-request-id'), 'from-the-caller');
});

test('an X-Request-Id that could forge log fields is replaced by a new id', async () => {
  for (const forged of ['a", "status": 200', 'a b', 'x'.repeat(201)]) {
    const response = await portal.request(ROUTES.config, { headers: { 'x-request-id': forged } });
    assert.match(response.headers.get('x-request-id')!, UUID);
  }
});

test('a refused login is one JSON line with the response id, route, status, code; no secrets', async (t) => {
  const customer = await portal.createCustomer();
  let response!: Response;
  const lines = await logLines(t, async () => {
    response = await portal.request(ROUTES.session, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: 'wrong-password-1234' }),
    });
  });
  assert.equal(response.status, 401);
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.equal(line!.requestId, response.headers.get('x-request-id'));
  assert.equal(line!.level, 'warn');
  assert.equal(line!.method, 'POST');
  assert.equal(line!.route, ROUTES.session);
  assert.equal(line!.status, 401);
  assert.equal(line!.code, 'invalid_credentials');
  assert.equal(typeof line!.durationMs, 'number');
  assert.ok(!Number.isNaN(Date.parse(line!.time as string)));
  const text = JSON.stringify(line);
  assert.ok(!text.includes(customer.email) && !text.includes('wrong-password-1234'));
});

test('a route with a token in its path logs the pattern, not the token', async (t) => {
  const token = 'not-a-real-rating-token-but-secret-looking';
  const lines = await logLines(t, async () => portal.request(`/api/rating-links/${token}`));
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.route, ROUTES.ratingLink);
  assert.ok(!JSON.stringify(lines[0]).includes(token));
});

test('a server error is logged at error level with what failed, and answers 500', async (t) => {
  const customer = await portal.createCustomer();
  portal.client.close();
  let response!: Response;
  const lines = await logLines(t, async () => {
    response = await portal.request(ROUTES.session, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: customer.password }),
    });
  });
  assert.equal(response.status, 500);
  assert.equal((await response.json()).error.code, 'internal');
  const [line] = lines;
  assert.equal(line!.level, 'error');
  assert.equal(line!.code, 'internal');
  assert.equal(line!.requestId, response.headers.get('x-request-id'));
  assert.equal(typeof line!.error, 'string');
  assert.ok(!JSON.stringify(lines).includes(customer.email));
});

test('a job run is one JSON line with its id, duration and what it did', async (t) => {
  const lines = await logLines(t, () => runLoggedJob(portal.ports));
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.equal(line!.route, 'job:scheduled');
  assert.equal(line!.status, 'ok');
  assert.match(line!.requestId as string, UUID);
  assert.equal(typeof line!.durationMs, 'number');
  assert.equal(typeof (line!.report as { autoAccepted: number }).autoAccepted, 'number');
});

test('a failed job run is logged as failed, and the failure reaches the caller', async (t) => {
  portal.client.close();
  let failure: unknown;
  const lines = await logLines(t, () => runLoggedJob(portal.ports).catch((e) => (failure = e)));
  assert.ok(failure instanceof Error);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.level, 'error');
  assert.equal(lines[0]!.status, 'failed');
});

test('health: 200 when the database and the store answer', async () => {
  const response = await portal.request(ROUTES.health);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const body: Health = await response.json();
  assert.deepEqual(body, { status: 'ok', checks: { database: 'ok', attachments: 'ok' } });
});

test('health: 503 naming the database when it does not answer', async (t) => {
  portal.client.close();
  let response!: Response;
  const lines = await logLines(t, async () => (response = await portal.request(ROUTES.health)));
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), {
    status: 'failed',
    checks: { database: 'failed', attachments: 'ok' },
  });
  assert.ok(lines.some((line) => line.part === 'database'));
});

test('health: 503 naming the attachment store when it cannot be read', async (t) => {
  // The store's folder is a file: every read of it fails, as a lost disk or mount would.
  const root = join(portal.dir, 'not-a-folder');
  writeFileSync(root, 'x');
  portal.ports.store = diskStore(root);
  let response!: Response;
  await logLines(t, async () => (response = await portal.request(ROUTES.health)));
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), {
    status: 'failed',
    checks: { database: 'ok', attachments: 'failed' },
  });
});
