/**
 * Concurrent requests on one Worker isolate, as a deployed Worker serves them: none may fail
 * because one request awaited I/O that another request started (workerd refuses that).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { logIn, type HttpCustomer } from './support/http-customer.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let customer: HttpCustomer;

before(
  async () => {
    sqld = await startSqld();
    const login = await sqld.createCustomer('Carla', 10_000);
    worker = await startWranglerDev({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      PBKDF2_ITERATIONS: '10000',
    });
    customer = await logIn(worker.url, login);
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([worker?.stop(), sqld?.stop()]);
});

test('48 concurrent list and detail requests all succeed', { timeout: 60_000 }, async () => {
  const created = (await (await customer.createTicket()).json()) as TicketDetails;
  const paths = Array.from({ length: 48 }, (_, i) =>
    i % 2 ? `${ROUTES.tickets}?state=open` : apiPath(ROUTES.ticket, { number: created.number }),
  );
  const statuses = await Promise.all(
    paths.map(async (path) => (await customer.request(path)).status),
  );
  assert.deepEqual(
    statuses.filter((status) => status !== 200),
    [],
  );
});
