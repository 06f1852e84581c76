/**
 * Security headers on every API response (success, refusal and not found alike): a CSP that
 * loads nothing and allows no framing, no referrer, nosniff; HSTS only over TLS; downloads keep
 * their own sandboxing CSP.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
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
