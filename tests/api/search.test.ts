import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { ErrorBody } from '../../contract/errors.ts';
import type { TicketPage } from '../../contract/types.ts';
import { customers } from '../../edge/db/schema.ts';
import { MIGRATIONS_DIR } from '../../edge/node/migrate.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';

let portal: TestPortal;
let ana: CustomerSession;
let bruno: CustomerSession;
let carla: CustomerSession;
before(async () => {
  portal = await startPortal();
  const [a, b, c] = await Promise.all([
    portal.createCustomer({ name: 'Ana', organization: 'Acme', language: 'en' }),
    portal.createCustomer({ name: 'Bruno', organization: 'Acme', language: 'en' }),
    portal.createCustomer({ name: 'Carla', organization: 'Other', language: 'en' }),
  ]);
  await portal.db
    .update(customers)
    .set({ organizationManager: true })
    .where(eq(customers.id, b.id));
  [ana, bruno, carla] = await Promise.all([
    logIn(portal, a.email, a.password),
    logIn(portal, b.email, b.password),
    logIn(portal, c.email, c.password),
  ]);
});
after(() => portal.close());

function search(session: CustomerSession, params: Record<string, string>) {
  return session.request(`${ROUTES.ticketSearch}?${new URLSearchParams(params)}`);
}

async function found(session: CustomerSession, q: string, more: Record<string, string> = {}) {
  const response = await search(session, { q, ...more });
  assert.equal(response.status, 200, `${q}: ${response.status}`);
  const page = (await response.json()) as TicketPage;
  return page.items.map((item) => item.number);
}

const addInformation = (session: CustomerSession, number: number, text: string) =>
  session.json(apiPath(ROUTES.information, { number }), 'POST', { text });

describe('searching my tickets', () => {
  test('by words of the description, ignoring accents and case, and by the start of a word', async () => {
    const truck = await ana.newTicket({ description: 'El camión de reparto no arranca' });
    const printer = await ana.newTicket({ description: 'La impresora imprime en blanco' });
    assert.deepEqual(await found(ana, 'camion'), [truck.number]);
    assert.deepEqual(await found(ana, 'CAMIÓN reparto'), [truck.number]);
    assert.deepEqual(await found(ana, 'Impres'), [printer.number]);
    assert.deepEqual(await found(ana, 'camion impresora'), [], 'every word must match');
  });

  test('an addition written later is found at once, with the description', async () => {
    const ticket = await ana.newTicket({ description: 'El portátil se calienta' });
    assert.deepEqual(await found(ana, 'ventilador'), []);
    assert.equal((await addInformation(ana, ticket.number, 'Ruido del ventilador')).status, 200);
    assert.equal((await addInformation(ana, ticket.number, 'Y huele a quemado')).status, 200);
    assert.deepEqual(await found(ana, 'ventilador'), [ticket.number]);
    assert.deepEqual(await found(ana, 'quemado'), [ticket.number]);
    assert.deepEqual(await found(ana, 'portatil ventilador quemado'), [ticket.number]);
  });

  test('by number, with or without #, among tickets whose text holds it', async () => {
    const target = await ana.newTicket({ description: 'Pantalla azul al arrancar' });
    const mention = await ana.newTicket({
      description: `Igual que el ${target.number}, pantalla azul`,
    });
    assert.deepEqual(await found(ana, String(target.number)), [mention.number, target.number]);
    assert.deepEqual(await found(ana, `#${target.number}`), [mention.number, target.number]);
    assert.deepEqual(await found(ana, `#${mention.number}`), [mention.number]);
  });

  test("another customer's tickets are never found, by words or by number", async () => {
    const secret = await carla.newTicket({ description: 'Contraseña del servidor secreto' });
    assert.deepEqual(await found(carla, 'secreto'), [secret.number]);
    assert.deepEqual(await found(ana, 'secreto'), []);
    assert.deepEqual(await found(ana, String(secret.number)), []);
    assert.deepEqual(await found(bruno, 'secreto', { scope: 'organization' }), []);
  });

  test('FTS5 syntax is searched as plain text: never an error, never an operator', async () => {
    const ticket = await ana.newTicket({ description: 'Error NEAR the OR gate: "quoted" text' });
    const inputs = [
      '"',
      '"quoted',
      'quoted"',
      'NEAR(gate quoted)',
      'text:gate',
      'gate OR nothinglikethis',
      'gate AND',
      'NOT gate',
      '-gate',
      '^gate',
      '*',
      'gate*',
      '(gate',
      "gate'",
      '{text}: gate',
      '\\',
      '%_',
      '#',
      '#-1',
      '0',
      '99999999999999999999999',
    ];
    for (const q of inputs) {
      const response = await search(ana, { q });
      assert.equal(response.status, 200, q);
      assert.ok(Array.isArray(((await response.json()) as TicketPage).items), q);
    }
    assert.deepEqual(await found(ana, 'NEAR(gate quoted)'), [ticket.number]);
    assert.deepEqual(await found(ana, 'text:gate'), [ticket.number]);
    assert.deepEqual(await found(ana, 'gate OR nothinglikethis'), [], 'OR is a word, not OR');
  });

  test('a page at a time, newest first, with the same cursor as the lists', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await ana.newTicket({ description: `Paginado ${i}` }));
    const expected = made.map((ticket) => ticket.number).reverse();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const params: Record<string, string> = { q: 'paginado', limit: '2' };
      if (cursor) params.cursor = cursor;
      const page = (await (await search(ana, params)).json()) as TicketPage;
      seen.push(...page.items.map((item) => item.number));
      assert.ok(page.items.every((item) => item.role === 'requester'));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.deepEqual(seen, expected);
    assert.equal(pages, 3);
  });

  test('an empty query or a bad parameter is a validation error', async () => {
    for (const [params, fields] of [
      [{}, { q: 'required' }],
      [{ q: '   ' }, { q: 'required' }],
      [{ q: 'x'.repeat(201) }, { q: 'too_long' }],
      [{ q: 'a', limit: '0' }, { limit: 'too_short' }],
      [{ q: 'a', cursor: 'abc' }, { cursor: 'invalid' }],
      [{ q: 'a', scope: 'everyone' }, { scope: 'not_allowed' }],
    ] as const) {
      const response = await search(ana, params);
      assert.equal(response.status, 400, JSON.stringify(params));
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.error.code, 'validation_failed');
      assert.deepEqual(body.error.fields, fields);
    }
  });

  test('needs a session', async () => {
    const response = await portal.request(`${ROUTES.ticketSearch}?q=camion`);
    assert.equal(response.status, 401);
  });
});

/** Tickets carry their requester's organization, as migration 0004 backfilled them. */
async function stampOrganizations() {
  await portal.client.execute(
    'UPDATE tickets SET organization = (SELECT organization FROM customers WHERE customers.id = tickets.customer_id) WHERE organization IS NULL',
  );
}

describe("searching my organization's tickets", () => {
  test("a manager finds the organization's tickets, a customer who is not one is refused", async () => {
    const anas = await ana.newTicket({ description: 'Proyector de la sala grande' });
    const brunos = await bruno.newTicket({ description: 'Proyector sin señal' });
    await carla.newTicket({ description: 'Proyector de otra empresa' });
    await stampOrganizations();
    assert.deepEqual(await found(bruno, 'proyector', { scope: 'organization' }), [
      brunos.number,
      anas.number,
    ]);
    assert.deepEqual(await found(bruno, 'proyector'), [brunos.number]);
    const refused = await search(ana, { q: 'proyector', scope: 'organization' });
    assert.equal(refused.status, 400);
    assert.deepEqual(((await refused.json()) as ErrorBody).error.fields, {
      scope: 'not_allowed',
    });
  });
});

describe('the index migration', () => {
  test('indexes the descriptions and additions written before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-search-migration-'));
    try {
      const folder = join(dir, 'migrations');
      cpSync(MIGRATIONS_DIR, folder, { recursive: true });
      const journalFile = join(folder, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
      const upTo = journal.entries.findIndex(
        (e: { tag: string }) => e.tag === '0005_ticket_search',
      );
      writeFileSync(
        journalFile,
        JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
      );
      const client = createClient({ url: `file:${join(dir, 'portal.db')}` });
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: folder });
      await client.executeMultiple(`
        INSERT INTO customers (id, email, name, updated_at) VALUES ('c1', 'c1@example.com', 'C', 0);
        INSERT INTO categories (id, labels, type) VALUES ('k', '{}', 'incident');
        INSERT INTO tickets (id, number, customer_id, category_id, type, urgency, description,
          created_at, updated_at, revision)
        VALUES ('t1', 1001, 'c1', 'k', 'incident', 'low', 'Büro ohne Strom', 0, 0, 'r'),
               ('t2', 1002, 'c1', 'k', 'incident', 'low', 'Drucker', 0, 0, 'r');
        INSERT INTO ticket_events (id, ticket_id, kind, actor_type, text, created_at)
        VALUES ('e1', 't2', 'information_added', 'customer', 'Papierstau', 0),
               ('e2', 't2', 'information_added', 'customer', 'wieder Papierstau, Fach zwei', 0),
               ('e3', 't1', 'created', 'customer', 'kein Text', 0);
      `);
      writeFileSync(journalFile, JSON.stringify(journal));
      await migrate(db, { migrationsFolder: folder });
      const numbers = async (match: string) =>
        (
          await client.execute({
            sql: 'SELECT DISTINCT rowid >> 24 AS n FROM ticket_search WHERE ticket_search MATCH ? ORDER BY n',
            args: [match],
          })
        ).rows.map((row) => Number(row.n));
      assert.deepEqual(await numbers('"buro"'), [1001]);
      assert.deepEqual(await numbers('"papierstau"'), [1002]);
      assert.deepEqual(await numbers('"fach"'), [1002]);
      assert.deepEqual(await numbers('"kein"'), [], 'only additions are indexed, not other events');
      // The next addition takes the next index row, after the backfilled ones.
      await client.execute(
        "INSERT INTO ticket_events (id, ticket_id, kind, actor_type, text, created_at) VALUES ('e4', 't2', 'information_added', 'customer', 'Toner leer', 0)",
      );
      assert.deepEqual(await numbers('"toner"'), [1002]);
      client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
