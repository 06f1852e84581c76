/**
 * The fuzz properties of tests/security/fuzz-properties.ts against the Worker (`wrangler dev`
 * with a real sqld and local R2), where libSQL over HTTP refuses what Node's file driver takes
 * (a lone surrogate was a 500 here and stored on Node). Fewer runs than on Node: every request
 * and fingerprint crosses a socket (`WORKERS_FUZZ_RUNS` scales them).
 */
import { after, before, test } from 'node:test';
import type { TicketDetails } from '../../contract/types.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import { PNG } from '../support/files.ts';
import {
  fuzzed,
  loneSurrogates,
  oddHeaders,
  oddPaths,
  randomBodies,
  searchQueries,
  type FuzzTarget,
} from '../security/fuzz-properties.ts';
import { fingerprint } from '../security/support.ts';
import { logIn } from './support/http-customer.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let target: FuzzTarget;

before(
  async () => {
    sqld = await startSqld();
    const login = await sqld.createCustomer('Fuzz', 10_000);
    const { key } = await createIntegrationKey(sqld.db, 'Fuzz desk', new Date());
    worker = await startWranglerDev({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      ALLOWED_ORIGINS: 'https://shop.example.com',
      PBKDF2_ITERATIONS: '10000',
    });
    const customer = await logIn(worker.url, login);
    const created = await customer.createTicket({}, { name: 'a.png', bytes: PNG });
    target = {
      request: (path, init) => fetch(new URL(path, worker!.url), init),
      fingerprint: () => fingerprint(sqld!.client),
      customerToken: customer.token,
      freshCustomerToken: async () => (await logIn(worker!.url, login)).token,
      deskKey: key,
      ticket: (await created.json()) as TicketDetails,
      runs: Number(process.env.WORKERS_FUZZ_RUNS ?? 25),
    };
  },
  { timeout: 90_000 },
);

after(async () => {
  console.log(`# fuzzed requests on the Worker: ${fuzzed.requests}`);
  await Promise.allSettled([worker?.stop(), sqld?.stop()]);
});

test('random bodies on every writing route: never a 5xx, refusals documented, refusals change nothing', () =>
  randomBodies(target));

test('odd path segments and query strings on every read: never a 5xx', () => oddPaths(target));

test('odd headers never cause a 5xx', () => oddHeaders(target));

test('search queries made of FTS5 syntax and random text: never a 5xx', () =>
  searchQueries(target));

test('a lone surrogate in any text field: 400 on that field, nothing written', () =>
  loneSurrogates(target));
