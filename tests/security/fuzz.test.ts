/**
 * Every route fed random and malformed requests (fast-check): random JSON values and texts,
 * broken multipart, wrong and missing content types, huge and empty bodies, unicode edge cases,
 * odd path segments. Never a 5xx; a refusal is always the documented error shape with its own
 * status; and a refused request leaves the database exactly as it was.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { startDesk } from '../desk/support.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PNG } from '../support/files.ts';
import { assertRefusal, fingerprint } from './support.ts';

/** Runs per property; kept low so the suite stays within its time budget. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

let portal: TestPortal;
let customer: CustomerSession;
let deskKey: string;
let ticket: TicketDetails;
export const fuzzed = { requests: 0 };

before(async () => {
  const started = await startDesk();
  portal = started.portal;
  deskKey = started.key;
  const a = await portal.createCustomer();
  customer = await logIn(portal, a.email, a.password);
  ticket = (await (
    await customer.createTicket({}, { name: 'a.png', bytes: PNG })
  ).json()) as TicketDetails;
});
after(() => {
  console.log(`# fuzzed requests: ${fuzzed.requests}`);
  portal.close();
});

/** Every route with the methods that write, and one read each, with real parameters filled. */
function routes(): { method: string; path: string; who: 'customer' | 'desk' | 'none' }[] {
  const fill = (p: string) =>
    p
      .replace(':number', String(ticket.number))
      .replace(':id', ticket.attachments[0]!.id)
      .replace(':deliveryId', 'd1');
  const customerRoutes = Object.values(ROUTES).map((p) => fill(p));
  const deskRoutes = Object.values(DESK_ROUTES).map((p) => fill(p));
  const all: { method: string; path: string; who: 'customer' | 'desk' | 'none' }[] = [];
  for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
    for (const path of customerRoutes) {
      all.push({ method, path, who: 'customer' }, { method, path, who: 'none' });
    }
    for (const path of deskRoutes) all.push({ method, path, who: 'desk' });
  }
  return all;
}

const unicode = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    '\uFEFF',
    '\u202E.exe',
    '\uD800',
    '𝕏'.repeat(50),
    'é\u0301',
    '../../etc/passwd',
    "'; DROP TABLE tickets; --",
    '<script>alert(1)</script>',
  ),
);

const jsonValue = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'text',
      'reason',
      'email',
      'password',
      'status',
      'description',
      'urgency',
      'category',
      'customerId',
      'owner',
      'number',
      'role',
      'organization',
      'language',
      'url',
      'events',
      'name',
      '__proto__',
      'constructor',
    ),
    fc.oneof(unicode, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue())),
  ),
);

const body = fc.oneof(
  jsonValue.map((v) => ({ type: 'application/json', body: JSON.stringify(v) as BodyInit })),
  unicode.map((s) => ({ type: 'application/json', body: s as BodyInit })),
  unicode.map((s) => ({ type: 'text/plain', body: s as BodyInit })),
  unicode.map((s) => ({ type: 'application/x-www-form-urlencoded', body: `a=${s}` as BodyInit })),
  unicode.map((s) => ({
    type: 'multipart/form-data; boundary=xyz',
    body: `--xyz\r\nContent-Disposition: form-data; name="${s}"\r\n\r\n${s}\r\n` as BodyInit,
  })),
  fc.constant({ type: 'multipart/form-data', body: 'no boundary' as BodyInit }),
  fc.constant({ type: '', body: '' as BodyInit }),
  fc.constant({ type: 'application/json', body: '{'.repeat(10_000) as BodyInit }),
  fc.constant({ type: 'application/json', body: 'x'.repeat(2_000_000) as BodyInit }),
  fc.constant({ type: 'application/json', body: '' as BodyInit }),
  fc.constant({ type: 'application/json; charset=utf-16', body: '{}' as BodyInit }),
);

async function send(
  route: { method: string; path: string; who: string },
  content: { type: string; body: BodyInit },
  extraHeaders: Record<string, string> = {},
) {
  const headers = new Headers(extraHeaders);
  if (content.type) headers.set('content-type', content.type);
  if (route.who === 'customer') headers.set('authorization', `Bearer ${customer.token}`);
  if (route.who === 'desk') headers.set('authorization', `Bearer ${deskKey}`);
  fuzzed.requests++;
  return portal.request(route.path, { method: route.method, headers, body: content.body });
}

test('random bodies on every writing route: never a 5xx, refusals documented, refusals change nothing', async () => {
  const all = routes();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...all), body, async (route, content) => {
      const before = await fingerprint(portal.client);
      const response = await send(route, content);
      const context = `${route.method} ${route.path} (${route.who}) ${content.type}`;
      if (response.status >= 400) {
        await assertRefusal(response, context);
        assert.deepEqual(await fingerprint(portal.client), before, `${context} changed the data`);
      }
    }),
    { numRuns: RUNS * 4 },
  );
});

test('odd path segments and query strings on every read: never a 5xx', async () => {
  const segment = fc.oneof(
    fc.string({ unit: 'grapheme' }).map(encodeURIComponent),
    fc.constantFrom('%00', '%2e%2e', '..%2f', '1e3', '-1', '0x10', '99999999999999999999', '%ff'),
  );
  const patterns = [...Object.values(ROUTES), ...Object.values(DESK_ROUTES)];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...patterns),
      segment,
      segment,
      fc.constantFrom('customer', 'desk', 'none'),
      async (pattern, a, b, who) => {
        const path = `${pattern.replace(/:\w+/, a).replace(/:\w+/, b)}?state=${a}&cursor=${b}&status=${a}&since=${b}&limit=${a}`;
        const response = await send(
          { method: 'GET', path, who },
          { type: '', body: null as never },
        );
        const context = `GET ${path} (${who})`;
        if (response.status >= 400) await assertRefusal(response, context);
      },
    ),
    { numRuns: RUNS * 3 },
  );
});

test('odd headers: broken authorization, accept-language, origin, content-length never cause a 5xx', async () => {
  const value = fc.oneof(
    fc.string({ unit: 'grapheme-ascii' }),
    fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==', 'bearer x'),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes()), value, value, async (route, auth, lang) => {
      const headers = new Headers();
      try {
        headers.set('authorization', auth);
        headers.set('accept-language', lang);
        headers.set('origin', lang);
      } catch {
        return; // Not a header value a client could send.
      }
      fuzzed.requests++;
      const before = await fingerprint(portal.client);
      const response = await portal.request(route.path, { method: route.method, headers });
      const context = `${route.method} ${route.path} auth=${JSON.stringify(auth)}`;
      await assertRefusal(response, context);
      assert.deepEqual(await fingerprint(portal.client), before, `${context} changed the data`);
    }),
    { numRuns: RUNS * 2 },
  );
});

test('search queries made of FTS5 syntax and random text: never a 5xx, always a page or a refusal', async () => {
  const syntax = fc
    .array(
      fc.constantFrom('"', '*', 'NEAR', '(', ')', 'OR', 'AND', 'NOT', ':', '^', '-', '+', '{', '}'),
      { maxLength: 12 },
    )
    .chain((parts) =>
      fc
        .array(fc.constantFrom(' ', '', 'text', 'a'), {
          minLength: parts.length,
          maxLength: parts.length,
        })
        .map((gaps) => parts.map((part, i) => part + gaps[i]).join('')),
    );
  const q = fc.oneof(syntax, unicode, fc.string({ unit: 'grapheme' }));
  await fc.assert(
    fc.asyncProperty(q, fc.constantFrom('mine', 'organization', 'x'), async (text, scope) => {
      fuzzed.requests++;
      const query = new URLSearchParams({ q: text, scope });
      const response = await customer.request(`${ROUTES.ticketSearch}?${query}`);
      const context = `search ${JSON.stringify(text)} ${scope}`;
      if (response.status >= 400) await assertRefusal(response, context);
      else assert.ok(Array.isArray((await response.json()).items), context);
    }),
    { numRuns: RUNS * 2 },
  );
});
