/**
 * A customer's data on request: `customer:export` (run in-process, as `npm run admin` runs it)
 * and the desk's export route give the profile, tickets with thread and files, and the files'
 * bytes; `customer:erase` and the desk's erase route leave nothing of the customer: every table
 * searched for their e-mail and name, the attachment store for their file's bytes; their tickets
 * stay, under a placeholder, and the account cannot log in.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { apiPath, ROUTES } from '../../contract/routes.ts';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { erasedEmail, ERASED_NAME } from '../../edge/domain/customer-data.ts';
import { queueMail, renderMail } from '../../edge/mail/index.ts';
import { admin } from '../support/admin.ts';
import { logIn } from '../support/customer.ts';
import { PNG } from '../support/files.ts';
import { startDesk, type DeskClient } from '../desk/support.ts';
import type { TestPortal } from '../support/app.ts';

let portal: TestPortal;
let desk: DeskClient;
beforeEach(async () => ({ portal, desk } = await startDesk()));
afterEach(() => portal.close());

/** A customer with a ticket, a file only they uploaded, an addition naming them, and a mail. */
async function zoe() {
  const suffix = crypto.randomUUID().slice(0, 8);
  const customer = await portal.createCustomer({
    email: `zoe-${suffix}@example.com`,
    name: `Zoe Quist ${suffix}`,
  });
  const session = await logIn(portal, customer.email, customer.password);
  const bytes = new Uint8Array([...PNG, ...new TextEncoder().encode(`zoe-file-${suffix}`)]);
  const created = await session.createTicket(
    { description: `The printer jams. Reach me at ${customer.email}.` },
    { name: 'jam.png', bytes, type: 'image/png' },
  );
  assert.equal(created.status, 201);
  const ticket = (await created.json()) as TicketDetails;
  const added = await session.json(apiPath(ROUTES.information, { number: ticket.number }), 'POST', {
    text: `${customer.name} again: still jammed.`,
  });
  assert.equal(added.status, 200);
  const mail = renderMail('set-password', 'es', { name: customer.name, link: 'https://x/#t' });
  await queueMail(portal.db, { to: customer.email, ...mail }, { at: portal.clock.now() });
  return { customer, session, ticket, bytes };
}

/** Every row of every table, as text. */
async function everyRow(): Promise<string> {
  const tables = await portal.db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table'`,
  );
  const rows = [];
  for (const { name } of tables) {
    rows.push(...(await portal.db.all(sql.raw(`select * from "${name}"`))));
  }
  return JSON.stringify(rows);
}

/** Every file of the attachment store. */
function storedFiles(): Buffer[] {
  const root = join(portal.dir, 'attachments');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => join(root, name))
    .filter((path) => {
      try {
        return readFileSync(path).length >= 0;
      } catch {
        return false;
      }
    })
    .map((path) => readFileSync(path));
}

test('customer:export writes the profile, tickets with thread and files, and the bytes', async () => {
  const { customer, ticket, bytes } = await zoe();
  const out = mkdtempSync(join(tmpdir(), 'portal-export-'));
  const result = await admin(
    portal.ports,
    'customer:export',
    '--email',
    customer.email,
    '--out',
    out,
  );
  assert.equal(result.code, 0, result.stderr);
  const data = JSON.parse(readFileSync(join(out, 'customer.json'), 'utf8'));
  assert.equal(data.profile.email, customer.email);
  assert.equal(data.profile.name, customer.name);
  assert.ok(!('passwordHash' in data.profile));
  assert.equal(data.tickets.length, 1);
  assert.equal(data.tickets[0].number, ticket.number);
  assert.ok(
    data.tickets[0].thread.some((event: { text: string }) => event.text?.includes('still jammed')),
  );
  const [file] = data.tickets[0].files;
  assert.equal(file.name, 'jam.png');
  assert.deepEqual(new Uint8Array(readFileSync(join(out, 'files', `${file.id}-jam.png`))), bytes);
  assert.ok(!JSON.stringify(data).includes('storage'), 'no storage keys');
});

test("the desk's export route answers the same data, and only with a desk key", async () => {
  const { customer, ticket } = await zoe();
  const path = apiPath(DESK_ROUTES.customerExport, { id: customer.id });
  const response = await desk.get(path);
  assert.equal(response.status, 200);
  const data = await response.json();
  assert.equal(data.profile.email, customer.email);
  assert.equal(data.tickets[0].number, ticket.number);
  assert.equal((await portal.request(path)).status, 401);
  assert.equal((await desk.get(apiPath(DESK_ROUTES.customerExport, { id: 'nobody' }))).status, 404);
});

test('customer:erase leaves nothing of the customer in the database or the store', async () => {
  const { customer, ticket, bytes } = await zoe();
  assert.ok((await everyRow()).includes(customer.email), 'the search finds her before');
  assert.ok(storedFiles().some((file) => file.equals(bytes)));

  const result = await admin(portal.ports, 'customer:erase', '--email', customer.email);
  assert.equal(result.code, 0, result.stderr);

  const rows = await everyRow();
  assert.ok(!rows.includes(customer.email), 'her e-mail is nowhere');
  assert.ok(!rows.includes(customer.name), 'her name is nowhere');
  assert.ok(!storedFiles().some((file) => file.equals(bytes)), 'her file is gone');

  const login = await portal.request(ROUTES.session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customer.email, password: customer.password }),
  });
  assert.equal(login.status, 401);
  const kept = await desk.get(apiPath(DESK_ROUTES.ticket, { number: ticket.number }));
  assert.equal(kept.status, 200);
  const text = await kept.text();
  assert.ok(text.includes(erasedEmail(customer.id)) && text.includes(ERASED_NAME));
  assert.ok(text.includes('The printer jams.'), 'the ticket stays for the desk');
});

test("the desk's erase route erases, and her old session is refused", async () => {
  const { customer, session, bytes } = await zoe();
  const response = await desk.send('POST', apiPath(DESK_ROUTES.customerErase, { id: customer.id }));
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { sessions: 1, files: 1, tickets: 1 });
  assert.equal((await session.request(ROUTES.me)).status, 401);
  assert.ok(!(await everyRow()).includes(customer.email));
  assert.ok(!storedFiles().some((file) => file.equals(bytes)));
});

test('an unknown e-mail is refused without changing anything', async () => {
  const result = await admin(portal.ports, 'customer:erase', '--email', 'nobody@example.com');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /no customer with the e-mail nobody@example.com/);
});
