/**
 * Security headers on every API response (success, refusal and not found alike): a CSP that
 * loads nothing and allows no framing, no referrer, nosniff; HSTS only over TLS; downloads keep
 * their own sandboxing CSP.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import { DeskClient } from '../desk/support.ts';
import { postJson } from '../support/accounts.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PNG } from '../support/files.ts';

let portal: TestPortal;
let customer: CustomerSession;
let ticket: TicketDetails;
before(async () => {
  portal = await startPortal();
  const c = await portal.createCustomer();
  customer = await logIn(portal, c.email, c.password);
  ticket = (await (
    await customer.createTicket({}, { name: 'a.png', bytes: PNG })
  ).json()) as TicketDetails;
});
after(() => portal.close());

function assertApiHeaders(response: Response, context: string) {
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/, `${context}: CSP ${csp}`);
  assert.match(csp, /frame-ancestors 'none'|sandbox/, `${context}: CSP ${csp}`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', context);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', context);
}

test('every kind of API response carries the headers, and no HSTS over plain HTTP', async () => {
  const responses: [string, Response][] = [
    ['config', await portal.request(ROUTES.config)],
    ['categories', await customer.request(ROUTES.categories)],
    ['ticket', await customer.ticket(ticket.number)],
    ['unauthenticated', await portal.request(ROUTES.tickets)],
    ['missing ticket', await customer.ticket(999_999)],
    ['unknown route', await portal.request('/api/no-such-route')],
    ['bad json', await customer.request(ROUTES.me, { method: 'PATCH', body: '{' })],
    ['wrong method', await portal.request(ROUTES.config, { method: 'DELETE' })],
  ];
  for (const [name, response] of responses) {
    assertApiHeaders(response, name);
    assert.equal(response.headers.get('strict-transport-security'), null, name);
  }
});

test('HSTS over TLS', async () => {
  const response = await portal.app.request(`https://support.example.com${ROUTES.config}`);
  assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}/);
});

test('a download keeps its sandbox CSP, attachment disposition and nosniff', async () => {
  const response = await customer.request(
    apiPath(ROUTES.attachment, { number: ticket.number, id: ticket.attachments[0]!.id }),
  );
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.match(response.headers.get('content-disposition') ?? '', /^attachment/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
});

test('every answer that depends on who asks is never stored by a cache', async () => {
  const { key } = await createIntegrationKey(portal.db, 'Headers desk', portal.clock.now());
  const desk = new DeskClient(portal, key);
  const c = await portal.createCustomer();
  const responses: [string, Response][] = [
    ['log in', await postJson(portal, ROUTES.session, { email: c.email, password: c.password })],
    ['me', await customer.request(ROUTES.me)],
    ['categories', await customer.request(ROUTES.categories)],
    ['ticket list', await customer.request(ROUTES.tickets)],
    ['ticket', await customer.ticket(ticket.number)],
    ['search', await customer.request(`${ROUTES.ticketSearch}?q=ERP`)],
    ['colleagues', await customer.request(ROUTES.colleagues)],
    ['refresh', await customer.request(ROUTES.sessionRefresh, { method: 'POST' })],
    ['unauthenticated', await portal.request(ROUTES.me)],
    ['desk tickets', await desk.get(DESK_ROUTES.tickets)],
    ['desk customer', await desk.get(apiPath(DESK_ROUTES.customer, { id: c.id }))],
    ['rating link', await portal.request(apiPath(ROUTES.ratingLink, { token: 'x'.repeat(40) }))],
  ];
  for (const [name, response] of responses) {
    assert.match(response.headers.get('cache-control') ?? '', /no-store/, name);
    assert.match(response.headers.get('vary') ?? '', /\bAuthorization\b/i, name);
  }
  const config = await portal.request(ROUTES.config);
  assert.equal(config.headers.get('cache-control'), 'public, max-age=60', 'the same for everyone');
});
