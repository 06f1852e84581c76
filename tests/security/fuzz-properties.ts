/**
 * @module
 * The fuzz properties (fast-check), against any running portal: in process on Node
 * (tests/security/fuzz.test.ts) or the Worker under `wrangler dev` with sqld
 * (tests/runtimes/workers-fuzz.test.ts). Never a 5xx; a refusal is always the documented error
 * shape with its own status; a refused request leaves the database exactly as it was; a text
 * that is not well-formed Unicode (a lone surrogate) is refused on its field.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { assertRefusal, type Fingerprint } from './support.ts';

export interface FuzzTarget {
  request(path: string, init: RequestInit): Promise<Response>;
  /** The whole database's fingerprint, to show a refusal changed nothing. */
  fingerprint(): Promise<Fingerprint>;
  customerToken: string;
  /** A new session's token: other properties may have logged the first one out. */
  freshCustomerToken(): Promise<string>;
  deskKey: string;
  /** A ticket of the customer's, with one attachment. */
  ticket: TicketDetails;
  /** Runs per property (each property multiplies it). */
  runs: number;
}

export const fuzzed = { requests: 0 };

type Who = 'customer' | 'desk' | 'none';

/** Every route with the methods that write, and one read each, with real parameters filled. */
function routes(target: FuzzTarget): { method: string; path: string; who: Who }[] {
  const { ticket } = target;
  const fill = (p: string) =>
    p
      .replace(':number', String(ticket.number))
      .replace(':id', ticket.attachments[0]!.id)
      .replace(':deliveryId', 'd1');
  const customerRoutes = Object.values(ROUTES).map((p) => fill(p));
  const deskRoutes = Object.values(DESK_ROUTES).map((p) => fill(p));
  const all: { method: string; path: string; who: Who }[] = [];
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

function send(
  target: FuzzTarget,
  route: { method: string; path: string; who: string },
  content: { type: string; body: BodyInit | null },
  extraHeaders: Record<string, string> = {},
) {
  const headers = new Headers(extraHeaders);
  if (content.type) headers.set('content-type', content.type);
  if (route.who === 'customer') headers.set('authorization', `Bearer ${target.customerToken}`);
  if (route.who === 'desk') headers.set('authorization', `Bearer ${target.deskKey}`);
  fuzzed.requests++;
  return target.request(route.path, { method: route.method, headers, body: content.body });
}

/** Random bodies on every writing route: never a 5xx, refusals documented, refusals change nothing. */
export async function randomBodies(target: FuzzTarget) {
  const all = routes(target);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...all), body, async (route, content) => {
      const before = await target.fingerprint();
      const response = await send(target, route, content);
      const context = `${route.method} ${route.path} (${route.who}) ${content.type}`;
      if (response.status >= 400) {
        await assertRefusal(response, context);
        assert.deepEqual(await target.fingerprint(), before, `${context} changed the data`);
      }
    }),
    { numRuns: target.runs * 4 },
  );
}

/** Odd path segments and query strings on every read: never a 5xx. */
export async function oddPaths(target: FuzzTarget) {
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
        const response = await send(target, { method: 'GET', path, who }, { type: '', body: null });
        const context = `GET ${path} (${who})`;
        if (response.status >= 400) await assertRefusal(response, context);
      },
    ),
    { numRuns: target.runs * 3 },
  );
}

/** Broken authorization, accept-language and origin headers never cause a 5xx. */
export async function oddHeaders(target: FuzzTarget) {
  const value = fc.oneof(
    fc.string({ unit: 'grapheme-ascii' }),
    fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==', 'bearer x'),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes(target)),
      value,
      value,
      async (route, auth, lang) => {
        const headers = new Headers();
        try {
          headers.set('authorization', auth);
          headers.set('accept-language', lang);
          headers.set('origin', lang);
        } catch {
          return; // Not a header value a client could send.
        }
        fuzzed.requests++;
        const before = await target.fingerprint();
        const response = await target.request(route.path, { method: route.method, headers });
        const context = `${route.method} ${route.path} auth=${JSON.stringify(auth)}`;
        await assertRefusal(response, context);
        assert.deepEqual(await target.fingerprint(), before, `${context} changed the data`);
      },
    ),
    { numRuns: target.runs * 2 },
  );
}

/** Search queries made of FTS5 syntax and random text: never a 5xx, always a page or a refusal. */
export async function searchQueries(target: FuzzTarget) {
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
      const response = await target.request(`${ROUTES.ticketSearch}?${query}`, {
        headers: { authorization: `Bearer ${target.customerToken}` },
      });
      const context = `search ${JSON.stringify(text)} ${scope}`;
      if (response.status >= 400) await assertRefusal(response, context);
      else assert.ok(Array.isArray((await response.json()).items), context);
    }),
    { numRuns: target.runs * 2 },
  );
}

/** A text with a lone surrogate somewhere in it, as JSON's `\ud800` escapes can carry. */
const malformedText = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800'),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, lone, after]) => before + lone + after);

/** A body each JSON route would accept, but for the field that gets the malformed text. */
function wellFormedBodies(target: FuzzTarget) {
  const number = target.ticket.number;
  const ticketPath = (pattern: string) => apiPath(pattern, { number });
  const bodies: { method: string; path: string; who: Who; body: Record<string, unknown> }[] = [
    {
      method: 'POST',
      path: ROUTES.session,
      who: 'none',
      body: { email: 'a@example.com', password: 'x' },
    },
    {
      method: 'POST',
      path: ROUTES.passwordForgot,
      who: 'none',
      body: { email: 'a@example.com', captcha: 'x', returnTo: 'https://shop.example.com/' },
    },
    {
      method: 'POST',
      path: ROUTES.passwordReset,
      who: 'none',
      body: { token: 'A'.repeat(43), password: 'long-enough-42' },
    },
    { method: 'POST', path: ROUTES.partnerSession, who: 'none', body: { token: 'a.b.c' } },
    {
      method: 'POST',
      path: ROUTES.passwordChange,
      who: 'customer',
      body: { currentPassword: 'x', newPassword: 'long-enough-42' },
    },
    {
      method: 'POST',
      path: ticketPath(ROUTES.information),
      who: 'customer',
      body: { text: 'More' },
    },
    { method: 'POST', path: ticketPath(ROUTES.reject), who: 'customer', body: { reason: 'No' } },
    {
      method: 'PUT',
      path: ticketPath(ROUTES.rating),
      who: 'customer',
      body: { score: 4, comment: 'Ok' },
    },
    {
      method: 'POST',
      path: apiPath(DESK_ROUTES.comments, { number }),
      who: 'desk',
      body: { text: 'Hi' },
    },
    {
      method: 'POST',
      path: apiPath(DESK_ROUTES.solution, { number }),
      who: 'desk',
      body: { solution: 'Do' },
    },
    {
      method: 'POST',
      path: DESK_ROUTES.customers,
      who: 'desk',
      body: { email: 'n@example.com', name: 'N' },
    },
  ];
  return bodies.flatMap((route) =>
    Object.keys(route.body)
      .filter((field) => typeof route.body[field] === 'string')
      .map((field) => ({ ...route, field })),
  );
}

/**
 * A lone surrogate in any text field of an otherwise acceptable body: 400 `validation_failed`
 * naming that field as `invalid`, and nothing written (libSQL over HTTP cannot even carry it).
 */
export async function loneSurrogates(first: FuzzTarget) {
  const target = { ...first, customerToken: await first.freshCustomerToken() };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...wellFormedBodies(target)),
      malformedText,
      async (route, text) => {
        const before = await target.fingerprint();
        const body = JSON.stringify({ ...route.body, [route.field]: text });
        const response = await send(target, route, { type: 'application/json', body });
        const context = `${route.method} ${route.path} ${route.field}=${JSON.stringify(text)}`;
        const refusal = await assertRefusal(response, context);
        assert.equal(refusal.error.code, 'validation_failed', context);
        assert.equal(refusal.error.fields?.[route.field], 'invalid', context);
        assert.deepEqual(await target.fingerprint(), before, `${context} changed the data`);
      },
    ),
    { numRuns: target.runs * 2 },
  );
}
