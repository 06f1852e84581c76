/**
 * Observability on the Worker (`wrangler dev`, R2 simulated, sqld) and on Deno: `GET /api/health`
 * answers 200, then 503 naming the database once sqld is down; an error's JSON log line, in the
 * runtime's own output, carries the request id of the response. Node: tests/api/observability.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import type { Health } from '../../contract/types.ts';
import { startDenoServe, type DenoServer } from './support/deno.ts';
import { postLogin } from './support/http-customer.ts';
import type { Server } from '../../edge/node/child-servers.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let deno: DenoServer | undefined;

before(
  async () => {
    sqld = await startSqld();
    const vars = { LIBSQL_URL: sqld.url, TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID() };
    [worker, deno] = await Promise.all([startWranglerDev(vars), startDenoServe(vars)]);
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([worker?.stop(), deno?.stop(), sqld?.stop()]);
});

async function health(server: Server) {
  const response = await fetch(new URL(ROUTES.health, server.url));
  return { status: response.status, body: (await response.json()) as Health };
}

/** The JSON log line of the request with this id, from the server's output. */
async function logLineOf(server: Server, requestId: string) {
  await server.waitForOutput(new RegExp(`"requestId":"${requestId}"`));
  const line = server
    .output()
    .split('\n')
    .find((text) => text.includes(`"requestId":"${requestId}"`))!;
  // wrangler may print its own access line after ours on the same line.
  const json = line.slice(line.indexOf('{"time"'));
  return JSON.parse(json.slice(0, json.indexOf('}') + 1)) as Record<string, unknown>;
}

for (const [name, server] of [
  ['the Worker', () => worker!],
  ['Deno', () => deno!],
] as const) {
  test(`${name}: health answers 200 with the database and the store`, async () => {
    assert.deepEqual(await health(server()), {
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', attachments: 'ok' } },
    });
  });

  test(`${name}: a refused login's JSON log line carries the response's request id`, async () => {
    const email = `nobody-${crypto.randomUUID()}@example.com`;
    const response = await postLogin(server().url, { email, password: 'not-a-password-1234' });
    assert.equal(response.status, 401);
    const requestId = response.headers.get('x-request-id')!;
    assert.match(requestId, /^[0-9a-f-]{36}$/);
    const line = await logLineOf(server(), requestId);
    assert.equal(line.route, ROUTES.session);
    assert.equal(line.status, 401);
    assert.equal(line.code, 'invalid_credentials');
    assert.ok(!JSON.stringify(line).includes(email));
  });

  test(`${name}: a caller's X-Request-Id is kept`, async () => {
    const response = await fetch(new URL(ROUTES.config, server().url), {
      headers: { 'x-request-id': 'monitor-check-42' },
    });
    assert.equal(response.headers.get('x-request-id'), 'monitor-check-42');
  });
}

test('with sqld down, health answers 503 naming the database, on the Worker and on Deno', async () => {
  await sqld!.kill();
  const failed = { status: 'failed', checks: { database: 'failed', attachments: 'ok' } };
  assert.deepEqual(await health(worker!), { status: 503, body: failed });
  assert.deepEqual(await health(deno!), { status: 503, body: failed });
});
