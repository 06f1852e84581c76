import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type {
  DeskTicketDetails,
  DeskTicketPage,
  DeskTicketSummary,
} from '../../contract/desk-types.ts';
import { apiPath } from '../../contract/routes.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { HTML, PDF } from '../support/files.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
let nora: CustomerSession;
let noraId: string;
let noraTickets: number[] = [];
let since: string;

before(async () => {
  ({ portal, desk } = await startDesk());
  const customer = await portal.createCustomer({ name: 'Nora Vidal', organization: 'Vidal SA' });
  noraId = customer.id;
  nora = await logIn(portal, customer.email, customer.password);
  portal.clock.advance(60_000);
  since = portal.clock.now().toISOString();
  const categories = ['software.erp.report', 'infra.network.wifi', 'account.billing.copy'];
  for (const category of categories) {
    portal.clock.advance(1000);
    noraTickets.push((await nora.newTicket({ category })).number);
  }
});
after(() => portal.close());

const list = (query: string) => desk.json<DeskTicketPage>('GET', `${DESK_ROUTES.tickets}?${query}`);
const numbers = (page: DeskTicketPage) => page.items.map((item) => item.number);
/** The demo's tickets (edge/demo/demo-data.ts): Ana's 1001 to 1003, Bruno's 1004 and 1005. */
const DEMO_TICKETS = [1001, 1002, 1003, 1004, 1005];

describe('listing tickets', () => {
  test('lists every customer’s tickets with their type and customer', async () => {
    const page = await list('limit=100');
    assert.deepEqual(new Set(numbers(page)), new Set([...DEMO_TICKETS, ...noraTickets]));
    const first = page.items.find((item) => item.number === noraTickets[0])!;
    assert.equal(first.type, 'request');
    assert.deepEqual(first.customer, {
      id: noraId,
      email: first.customer.email,
      name: 'Nora Vidal',
      organization: 'Vidal SA',
    });
    assert.equal(page.nextCursor, null);
  });

  test('filters by status, type, category branch, customer, organization and update time', async () => {
    assert.deepEqual(numbers(await list('status=resolved')), [1002]);
    assert.deepEqual(
      new Set(numbers(await list('status=closed,resolved'))),
      new Set([1001, 1002, 1004]),
    );
    const requests = await list('type=request');
    assert.ok(requests.items.every((item: DeskTicketSummary) => item.type === 'request'));
    assert.deepEqual(
      new Set(numbers(requests)),
      new Set([1001, 1004, noraTickets[0], noraTickets[2]]),
    );
    assert.deepEqual(numbers(await list('category=infra.network')), [1005, 1003, noraTickets[1]]);
    assert.deepEqual(numbers(await list('category=infra.network.wifi')), [1005, noraTickets[1]]);
    assert.deepEqual(numbers(await list(`customer=${noraId}`)), noraTickets);
    assert.deepEqual(numbers(await list('organization=Vidal%20SA')), noraTickets);
    assert.deepEqual(numbers(await list('organization=Nobody')), []);
    assert.deepEqual(numbers(await list(`updatedSince=${encodeURIComponent(since)}`)), noraTickets);
    assert.deepEqual(numbers(await list(`type=incident&customer=${noraId}&status=new`)), [
      noraTickets[1],
    ]);
  });

  test('keyset pages cover every ticket once, in either order, while tickets change', async () => {
    const walk = async (order: 'asc' | 'desc') => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let changed = false;
      do {
        const query: string = `order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await list(query);
        seen.push(...numbers(page));
        cursor = page.nextCursor;
        if (!changed) {
          // A ticket already listed changes: it moves to the end, never into an unseen gap.
          changed = true;
          portal.clock.advance(1000);
          await nora.json(
            apiPath('/api/tickets/:number/information', { number: seen[0]! }),
            'POST',
            {
              text: 'More',
            },
          );
        }
      } while (cursor);
      return seen;
    };
    const ascending = await walk('asc');
    const all = [...DEMO_TICKETS, ...noraTickets].sort();
    assert.deepEqual([...new Set(ascending)].sort(), all);
    const descending = await walk('desc');
    assert.deepEqual([...new Set(descending)].sort(), all);
    assert.equal(descending.length, new Set(descending).size, 'no ticket twice going back');
  });

  test('bad filters are refused with field codes', async () => {
    const cases: [string, Record<string, string>][] = [
      ['status=open', { status: 'not_allowed' }],
      ['type=bug', { type: 'not_allowed' }],
      ['limit=0', { limit: 'too_short' }],
      ['limit=101', { limit: 'too_long' }],
      ['cursor=1%27%20OR%201=1', { cursor: 'invalid' }],
      ['updatedSince=yesterday', { updatedSince: 'invalid' }],
      ['order=random()', { order: 'not_allowed' }],
      ['sort=number', { sort: 'unknown_field' }],
      ['category=nope', { category: 'not_allowed' }],
    ];
    for (const [query, fields] of cases) {
      const response = await desk.get(`${DESK_ROUTES.tickets}?${query}`);
      assert.equal(response.status, 400, query);
      const body = await response.json();
      assert.equal(body.error.code, 'validation_failed');
      assert.deepEqual(body.error.fields, fields, query);
    }
  });
});

describe('reading a ticket', () => {
  test('shows description, timeline, attachments, type and customer', async () => {
    const created = await nora.createTicket(
      { category: 'software.erp.error', description: 'Report attached' },
      { name: 'report.pdf', bytes: PDF, type: 'application/pdf' },
    );
    const { number } = await created.json();
    const details = await desk.json<DeskTicketDetails>(
      'GET',
      apiPath(DESK_ROUTES.ticket, { number }),
    );
    assert.equal(details.description, 'Report attached');
    assert.equal(details.type, 'incident');
    assert.equal(details.customer.name, 'Nora Vidal');
    assert.deepEqual(
      details.timeline.map((event) => event.kind),
      ['created', 'attachment_added'],
    );
    assert.equal(details.attachments.length, 1);
    assert.equal(details.attachments[0]!.name, 'report.pdf');
  });

  test('unknown, malformed or encoded numbers are 404', async () => {
    for (const raw of ['999999', 'abc', '1002%20', '-1', '1e3', '%2e%2e']) {
      const response = await desk.get(`${DESK_ROUTES.tickets}/${raw}`);
      assert.equal(response.status, 404, raw);
      assert.equal((await response.json()).error.code, 'not_found');
    }
  });

  test('downloads an attachment as a download that is never rendered', async () => {
    const created = await nora.createTicket(
      { category: 'software.erp.error' },
      { name: 'page.txt', bytes: HTML, type: 'text/html' },
    );
    const ticket = await created.json();
    const id = ticket.attachments[0].id;
    const response = await desk.get(apiPath(DESK_ROUTES.attachment, { number: ticket.number, id }));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), HTML);
    assert.match(response.headers.get('content-disposition')!, /^attachment;/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy')!, /sandbox/);
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');

    const elsewhere = await desk.get(apiPath(DESK_ROUTES.attachment, { number: 1002, id }));
    assert.equal(elsewhere.status, 404, 'an attachment only under its own ticket');
    const unknown = await desk.get(
      apiPath(DESK_ROUTES.attachment, { number: ticket.number, id: 'nope' }),
    );
    assert.equal(unknown.status, 404);
  });
});
