/**
 * Every route fed random and malformed requests (fast-check, the properties of
 * fuzz-properties.ts) in process on Node: random JSON values and texts, broken multipart, wrong
 * and missing content types, huge and empty bodies, unicode edge cases and lone surrogates, odd
 * path segments. The same properties run against the Worker in tests/runtimes/workers-fuzz.test.ts.
 */
import { after, before, test } from 'node:test';
import type { TicketDetails } from '../../contract/types.ts';
import { startDesk } from '../desk/support.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { PNG } from '../support/files.ts';
import {
  fuzzed,
  loneSurrogates,
  oddHeaders,
  oddPaths,
  randomBodies,
  searchQueries,
  type FuzzTarget,
} from './fuzz-properties.ts';
import { fingerprint } from './support.ts';

let portal: TestPortal;
let target: FuzzTarget;

before(async () => {
  const started = await startDesk();
  portal = started.portal;
  const a = await portal.createCustomer();
  const customer = await logIn(portal, a.email, a.password);
  const ticket = (await (
    await customer.createTicket({}, { name: 'a.png', bytes: PNG })
  ).json()) as TicketDetails;
  target = {
    request: async (path, init) => portal.request(path, init),
    fingerprint: () => fingerprint(portal.client),
    customerToken: customer.token,
    freshCustomerToken: async () => (await logIn(portal, a.email, a.password)).token,
    deskKey: started.key,
    ticket,
    // Kept low so the suite stays within its time budget.
    runs: Number(process.env.FUZZ_RUNS ?? 120),
  };
});
after(() => {
  console.log(`# fuzzed requests: ${fuzzed.requests}`);
  portal.close();
});

test('random bodies on every writing route: never a 5xx, refusals documented, refusals change nothing', () =>
  randomBodies(target));

test('odd path segments and query strings on every read: never a 5xx', () => oddPaths(target));

test('odd headers: broken authorization, accept-language, origin, content-length never cause a 5xx', () =>
  oddHeaders(target));

test('search queries made of FTS5 syntax and random text: never a 5xx, always a page or a refusal', () =>
  searchQueries(target));

test('a lone surrogate in any text field: 400 on that field, nothing written', () =>
  loneSurrogates(target));
