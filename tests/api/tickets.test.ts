import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails, TicketPage } from '../../contract/types.ts';
import { attachments, tickets } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { HTML, PDF, PNG, SVG } from '../support/files.ts';

let portal: TestPortal;
let session: CustomerSession;
before(async () => {
  portal = await startPortal({
    MAX_ATTACHMENT_BYTES: String(64 * 1024),
    MAX_DESCRIPTION_LENGTH: '500',
  });
  const customer = await portal.createCustomer({ language: 'en' });
  session = await logIn(portal, customer.email, customer.password);
});
after(() => portal.close());

async function storedState() {
  const [ticketCount] = await portal.db.select({ n: count() }).from(tickets);
  const [fileCount] = await portal.db.select({ n: count() }).from(attachments);
  let objects: string[] = [];
  try {
    objects = readdirSync(join(portal.dir, 'attachments'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {}
  return { tickets: ticketCount!.n, attachments: fileCount!.n, objects: objects.length };
}

describe('creating a ticket', () => {
  test('without a file: 201 with the number, what was entered, and a "created" event', async () => {
    const response = await session.createTicket({
      category: 'infra.network.vpn',
      urgency: 'critical',
      description: '  The VPN drops every five minutes.  ',
    });
    assert.equal(response.status, 201);
    const ticket = (await response.json()) as TicketDetails;
    assert.ok(ticket.number > 1000);
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.urgency, 'critical');
    assert.equal(ticket.description, 'The VPN drops every five minutes.');
    assert.deepEqual(ticket.category.path, [
      'Infrastructure and cloud',
      'Network and VPN',
      'Cannot connect to the VPN',
    ]);
    assert.equal(ticket.createdAt, portal.clock.now().toISOString());
    assert.deepEqual(
      ticket.timeline.map((event) => [event.kind, event.actor.type]),
      [['created', 'customer']],
    );
    assert.ok(!('type' in ticket), 'the incident/request type is never shown to customers');
  });

  test('with a file: the file is stored with a server-chosen type and listed', async () => {
    const response = await session.createTicket(
      {},
      { name: 'screen shot.png', bytes: PNG, type: 'text/html' },
    );
    assert.equal(response.status, 201);
    const ticket = (await response.json()) as TicketDetails;
    assert.equal(ticket.attachments.length, 1);
    assert.equal(ticket.attachments[0]!.name, 'screen shot.png');
    assert.equal(ticket.attachments[0]!.contentType, 'image/png');
    assert.equal(ticket.attachments[0]!.size, PNG.length);
    assert.deepEqual(
      ticket.timeline.map((event) => event.kind),
      ['created', 'attachment_added'],
    );
  });

  test('numbers are unique and increasing across customers', async () => {
    const other = await portal.createCustomer();
    const otherSession = await logIn(portal, other.email, other.password);
    const numbers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? session : otherSession).newTicket().then((t) => t.number),
      ),
    );
    assert.equal(new Set(numbers).size, numbers.length);
  });

  test('each bad field gets its code, and nothing is stored', async () => {
    const before = await storedState();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ urgency: '' }, { urgency: 'not_allowed' }],
      [{ urgency: 'whenever' }, { urgency: 'not_allowed' }],
      [{ description: '   ' }, { description: 'required' }],
      [{ description: 'x'.repeat(501) }, { description: 'too_long' }],
      [{ category: 'software.erp' }, { category: 'not_allowed' }],
      [{ category: 'no-such-category' }, { category: 'not_allowed' }],
      [{ status: 'closed' }, { status: 'unknown_field' }],
      [{ number: '1' }, { number: 'unknown_field' }],
      [{ customerId: 'someone-else' }, { customerId: 'unknown_field' }],
    ];
    for (const [fields, expected] of cases) {
      const response = await session.createTicket(fields, {
        name: 'notes.txt',
        bytes: 'some notes',
      });
      assert.equal(response.status, 400, JSON.stringify(fields));
      assert.deepEqual((await response.json()).error.fields, expected);
    }
    assert.deepEqual(await storedState(), before);
  });

  test('files too large or of a type not allowed are refused and leave nothing behind', async () => {
    const before = await storedState();
    const big = await session.createTicket(
      {},
      { name: 'big.pdf', bytes: new Uint8Array(65 * 1024) },
    );
    assert.equal(big.status, 413);
    assert.equal((await big.json()).error.code, 'payload_too_large');

    const refused = [
      { name: 'drawing.svg', bytes: SVG },
      { name: 'page.html', bytes: HTML },
      { name: 'fake.png', bytes: HTML },
      { name: 'photo.pdf', bytes: PNG },
      { name: 'tool.exe', bytes: 'MZ\x90\x00' },
      { name: 'binary.txt', bytes: Uint8Array.from([0x00, 0xff, 0x10]) },
    ];
    for (const file of refused) {
      const response = await session.createTicket({}, file);
      assert.equal(response.status, 415, file.name);
      assert.equal((await response.json()).error.code, 'unsupported_file_type');
    }
    assert.deepEqual(await storedState(), before);
  });

  test('a body that is not multipart is refused with 415', async () => {
    const response = await session.json(ROUTES.tickets, 'POST', { category: 'software.erp.error' });
    assert.equal(response.status, 415);
    assert.equal((await response.json()).error.code, 'unsupported_media_type');
  });

  test('a PDF and a text file are accepted', async () => {
    for (const file of [
      { name: 'invoice.pdf', bytes: PDF, type: 'application/pdf' as const },
      { name: 'log.txt', bytes: 'línea 1\nlínea 2\n' },
    ]) {
      const response = await session.createTicket({}, file);
      assert.equal(response.status, 201, file.name);
    }
  });
});

describe('listing tickets', () => {
  test('open and closed lists page newest first with a cursor', async () => {
    const customer = await portal.createCustomer();
    const mine = await logIn(portal, customer.email, customer.password);
    const created: number[] = [];
    for (let i = 0; i < 5; i++) created.push((await mine.newTicket()).number);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?state=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await mine.request(ROUTES.tickets + query)).json()) as TicketPage;
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((item) => item.number));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...created].reverse());

    const closed = (await (
      await mine.request(`${ROUTES.tickets}?state=closed`)
    ).json()) as TicketPage;
    assert.deepEqual(closed, { items: [], nextCursor: null });
  });

  test('bad list parameters are refused with field codes', async () => {
    for (const [query, fields] of [
      ['?state=all', { state: 'not_allowed' }],
      ['?limit=500', { limit: 'too_long' }],
      ['?cursor=1%20OR%201=1', { cursor: 'invalid' }],
      ['?sort=customer_id', { sort: 'unknown_field' }],
    ] as const) {
      const response = await session.request(ROUTES.tickets + query);
      assert.equal(response.status, 400, query);
      assert.deepEqual((await response.json()).error.fields, fields);
    }
  });

  test('details of a ticket by its number', async () => {
    const ticket = await session.newTicket({ description: 'Details please' });
    const response = await session.request(apiPath(ROUTES.ticket, { number: ticket.number }));
    assert.equal(response.status, 200);
    const details = (await response.json()) as TicketDetails;
    assert.equal(details.description, 'Details please');
    assert.deepEqual(details.additions, []);
    assert.equal(details.solution, null);
  });
});

describe('field codes', () => {
  test('a missing field is required, a wrong type is invalid, a wrong choice is not allowed', async () => {
    const missing = await session.request(`${ROUTES.tickets}?state=open`);
    assert.equal(missing.status, 200);
    const login = (body: unknown) =>
      portal.request(ROUTES.session, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.deepEqual((await (await login({ password: 'x' })).json()).error.fields, {
      email: 'required',
    });
    assert.deepEqual((await (await login({ email: 42, password: 'x' })).json()).error.fields, {
      email: 'invalid',
    });
    const form = new FormData();
    form.set('category', 'software.erp.error');
    form.set('description', 'No urgency given');
    const noUrgency = await session.request(ROUTES.tickets, { method: 'POST', body: form });
    assert.deepEqual((await noUrgency.json()).error.fields, { urgency: 'required' });
  });
});
