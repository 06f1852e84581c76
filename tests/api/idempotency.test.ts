/**
 * `Idempotency-Key` on creating a ticket, adding information and attaching a file: the same key
 * from the same customer within 24 hours returns the first answer and changes nothing; a
 * refused request frees its key; another customer's key is their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { attachments, idempotentRequests, ticketEvents, tickets } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PNG } from '../support/files.ts';

let portal: TestPortal;
let ana: CustomerSession;
let anaId: string;
let anaLogin: { email: string; password: string };
let bruno: CustomerSession;
before(async () => {
  portal = await startPortal();
  const a = await portal.createCustomer();
  const b = await portal.createCustomer();
  anaId = a.id;
  anaLogin = a;
  ana = await logIn(portal, a.email, a.password);
  bruno = await logIn(portal, b.email, b.password);
});
after(() => portal.close());

const key = () => crypto.randomUUID();

function createWithKey(session: CustomerSession, idempotencyKey: string, description: string) {
  const form = new FormData();
  form.set('category', 'software.erp.error');
  form.set('urgency', 'high');
  form.set('description', description);
  form.set('file', new File([PNG], 'screen.png', { type: 'image/png' }));
  return session.request(ROUTES.tickets, {
    method: 'POST',
    headers: { 'idempotency-key': idempotencyKey },
    body: form,
  });
}

/** How many rows of `table` match `where` (all of them without it). */
async function countOf(table: SQLiteTable, where?: SQL) {
  const [row] = await portal.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}

const ticketsOf = (customerId: string) => countOf(tickets, eq(tickets.customerId, customerId));

async function ticketId(number: number) {
  const [row] = await portal.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(eq(tickets.number, number));
  return row!.id;
}

const claimsOf = (scopedKey: string) =>
  countOf(idempotentRequests, eq(idempotentRequests.key, scopedKey));

const storedFiles = () => countOf(attachments);

describe('Idempotency-Key', () => {
  test('a ticket created twice with one key: one ticket, one file, the first answer twice', async () => {
    const k = key();
    const before = { tickets: await ticketsOf(anaId), files: await storedFiles() };
    const first = await createWithKey(ana, k, 'The printer is jammed.');
    assert.equal(first.status, 201);
    const again = await createWithKey(ana, k, 'The printer is jammed.');
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), await first.json());
    assert.equal(await ticketsOf(anaId), before.tickets + 1);
    assert.equal(await storedFiles(), before.files + 1);
  });

  test('a double click (both at once): one ticket, both told its number', async () => {
    const k = key();
    const before = await ticketsOf(anaId);
    const answers = await Promise.all([
      createWithKey(ana, k, 'Double click.'),
      createWithKey(ana, k, 'Double click.'),
    ]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as TicketDetails[];
    assert.deepEqual(
      answers.map((r) => r.status),
      [201, 201],
    );
    assert.equal(bodies[0]!.number, bodies[1]!.number);
    assert.equal(await ticketsOf(anaId), before + 1);
  });

  test('information added twice with one key is added once', async () => {
    const ticket = await ana.newTicket();
    const path = apiPath(ROUTES.information, { number: ticket.number });
    const k = key();
    const send = () =>
      ana.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': k },
        body: JSON.stringify({ text: 'It happens every morning.' }),
      });
    const refused = await ana.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': k },
      body: JSON.stringify({}),
    });
    assert.equal(refused.status, 400);
    assert.equal(await claimsOf(`POST ${path} ${k}`), 0, 'refused before it read: no claim');
    assert.equal((await send()).status, 200);
    const again = await send();
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const added = await portal.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, await ticketId(ticket.number)));
    assert.equal(added.filter((e) => e.text === 'It happens every morning.').length, 1);
  });

  test('a file attached twice with one key is attached once', async () => {
    const ticket = await ana.newTicket();
    const k = key();
    const send = () => {
      const form = new FormData();
      form.set('file', new File([PNG], 'again.png', { type: 'image/png' }));
      return ana.request(apiPath(ROUTES.attachments, { number: ticket.number }), {
        method: 'POST',
        headers: { 'idempotency-key': k },
        body: form,
      });
    };
    assert.equal((await send()).status, 201);
    const second = await send();
    assert.equal(second.status, 201);
    assert.equal(((await second.json()) as TicketDetails).attachments.length, 1);
    const rows = await portal.db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, await ticketId(ticket.number)));
    assert.equal(rows.length, 1);
  });

  test('a reply with a file sent twice with one key joins the thread once', async () => {
    const ticket = await ana.newTicket();
    const k = key();
    const send = () => {
      const form = new FormData();
      form.set('text', 'Here is the screenshot.');
      form.set('file', new File([PNG], 'reply.png', { type: 'image/png' }));
      return ana.request(apiPath(ROUTES.replies, { number: ticket.number }), {
        method: 'POST',
        headers: { 'idempotency-key': k },
        body: form,
      });
    };
    assert.equal((await send()).status, 201);
    assert.equal((await send()).status, 201);
    const id = await ticketId(ticket.number);
    const events = await portal.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
    assert.equal(events.filter((e) => e.text === 'Here is the screenshot.').length, 1);
    const rows = await portal.db.select().from(attachments).where(eq(attachments.ticketId, id));
    assert.equal(rows.length, 1);
  });

  test('a refused request frees its key; a malformed key is refused on the header', async () => {
    const k = key();
    const refused = await ana.request(ROUTES.tickets, {
      method: 'POST',
      headers: { 'idempotency-key': k },
      body: new FormData(),
    });
    assert.equal(refused.status, 400);
    assert.equal((await createWithKey(ana, k, 'Now complete.')).status, 201);

    const bad = await createWithKey(ana, 'with spaces is not a key', 'x');
    assert.equal(bad.status, 400);
    assert.deepEqual((await bad.json()).error.fields, { 'Idempotency-Key': 'invalid' });
  });
  test('after logging out, the same key is refused, never answered from what was kept', async () => {
    const session = await logIn(portal, anaLogin.email, anaLogin.password);
    const k = key();
    assert.equal((await createWithKey(session, k, 'Before logging out.')).status, 201);
    assert.equal((await session.request(ROUTES.session, { method: 'DELETE' })).status, 204);
    const replay = await createWithKey(session, k, 'Before logging out.');
    assert.equal(replay.status, 401);
    assert.equal(replay.headers.get('idempotent-replayed'), null);
    assert.equal((await replay.json()).error.code, 'unauthenticated');

    // A new key from the closed session claims nothing: the claim is taken back.
    const fresh = key();
    const before = await ticketsOf(anaId);
    assert.equal((await createWithKey(session, fresh, 'After logging out.')).status, 401);
    assert.equal(await claimsOf(`POST ${ROUTES.tickets} ${fresh}`), 0);
    assert.equal(await ticketsOf(anaId), before);
  });

  test("another customer's same key is theirs; after 24 hours the key is new again", async () => {
    const k = key();
    const before = await ticketsOf(anaId);
    const first = (await (await createWithKey(ana, k, 'Shared key.')).json()) as TicketDetails;
    const brunos = (await (await createWithKey(bruno, k, 'Shared key.')).json()) as TicketDetails;
    assert.notEqual(brunos.number, first.number);
    portal.clock.advance(24 * 3_600_000 + 1);
    const again = await logIn(portal, anaLogin.email, anaLogin.password);
    const later = (await (await createWithKey(again, k, 'Shared key.')).json()) as TicketDetails;
    assert.notEqual(later.number, first.number);
    assert.equal(await ticketsOf(anaId), before + 2);
  });
});
