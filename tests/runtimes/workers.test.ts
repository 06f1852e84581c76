/**
 * A customer's journey against the Worker itself: `wrangler dev` (workerd) with R2 from
 * wrangler's local simulation and libSQL served over HTTP by a real sqld.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type {
  CategoryNode,
  PublicConfig,
  TicketDetails,
  TicketPage,
} from '../../contract/types.ts';
import { attachments } from '../../edge/db/schema.ts';
import { PDF, PNG, SVG } from '../support/files.ts';
import { logIn, postLogin, type HttpCustomer } from './support/http-customer.ts';
import { startSqld, type LibsqlServer, type Login } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const SHOP = 'https://shop.example.com';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let ana: Login;
let bruno: Login;
let anaApi: HttpCustomer;
let brunoApi: HttpCustomer;

before(
  async () => {
    sqld = await startSqld();
    // The production count: the Worker verifies what Node hashed, within the Workers cap.
    ana = await sqld.createCustomer('Ana', WORKERS_PBKDF2_MAX_ITERATIONS);
    bruno = await sqld.createCustomer('Bruno', WORKERS_PBKDF2_MAX_ITERATIONS);
    worker = await startWranglerDev({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      ALLOWED_ORIGINS: SHOP,
    });
    anaApi = await logIn(worker.url, ana);
    brunoApi = await logIn(worker.url, bruno);
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([worker?.stop(), sqld?.stop()]);
});

const url = () => worker!.url;

/** Every file under a folder, for finding where wrangler keeps an object. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

async function storageKeyOf(attachmentId: string): Promise<string> {
  const [row] = await sqld!.db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(eq(attachments.id, attachmentId));
  return row!.key;
}

async function details(customer: HttpCustomer, number: number): Promise<TicketDetails> {
  const response = await customer.request(apiPath(ROUTES.ticket, { number }));
  assert.equal(response.status, 200);
  return (await response.json()) as TicketDetails;
}

describe('the Worker under wrangler dev, with sqld and local R2', () => {
  test('serves the public config, with CORS for the allowlisted origin only', async () => {
    const allowed = await fetch(new URL(ROUTES.config, url()), { headers: { origin: SHOP } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
    const config = (await allowed.json()) as PublicConfig;
    assert.equal(config.defaultLanguage, 'es');
    assert.equal(config.limits.maxAttachmentBytes, 10 * 1024 * 1024);
    assert.ok(!config.limits.attachmentExtensions.includes('svg'));

    const other = await fetch(new URL(ROUTES.config, url()), {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  test('in production the development outbox is not served (npm run dev:workers has it)', async () => {
    assert.equal((await fetch(new URL('/dev/outbox', url()))).status, 404);
  });

  test('a wrong password gets 401 invalid_credentials; the right one a session', async () => {
    const wrong = await postLogin(url(), { email: ana.email, password: 'not-her-password' });
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.json()).error.code, 'invalid_credentials');

    const me = await anaApi.request(ROUTES.me);
    assert.equal(me.status, 200);
    assert.equal((await me.json()).email, ana.email);
  });

  test('the category tree comes in the customer language, without the hidden type', async () => {
    const response = await anaApi.request(ROUTES.categories);
    assert.equal(response.status, 200);
    const tree = (await response.json()) as CategoryNode[];
    const all: CategoryNode[] = [];
    const walk = (nodes: CategoryNode[]) => nodes.forEach((n) => (all.push(n), walk(n.children)));
    walk(tree);
    const leaf = all.find((node) => node.id === 'software.erp.error');
    assert.equal(leaf?.label, 'Error o mensaje inesperado');
    assert.ok(all.every((node) => !('type' in node)));
  });

  test('a ticket with a file: the bytes land in local R2 and download unchanged', async () => {
    const created = await anaApi.createTicket(
      { urgency: 'critical' },
      { name: 'error-4012.pdf', bytes: PDF },
    );
    assert.equal(created.status, 201);
    const ticket = (await created.json()) as TicketDetails;
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.urgency, 'critical');
    const [file] = ticket.attachments;
    assert.equal(file?.name, 'error-4012.pdf');
    assert.equal(file?.size, PDF.length);

    const download = await anaApi.request(
      apiPath(ROUTES.attachment, { number: ticket.number, id: file!.id }),
    );
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PDF);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(
      download.headers.get('content-disposition')!,
      /^attachment; filename="error-4012\.pdf"/,
    );
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('content-security-policy')!, /\bsandbox\b/);

    // The object is R2's, under the key the server chose, in wrangler's state folder.
    const key = await storageKeyOf(file!.id);
    assert.deepEqual(await worker!.r2Object(key), PDF);
    const onDisk = filesUnder(worker!.persistTo).filter(
      (path) => statSync(path).size === PDF.length && readFileSync(path).equals(PDF),
    );
    assert.equal(onDisk.length, 1);
  });

  test('tickets without a file; the open list pages by cursor, newest first', async () => {
    for (const urgency of ['low', 'medium']) {
      const response = await anaApi.createTicket({ urgency });
      assert.equal(response.status, 201);
      assert.deepEqual(((await response.json()) as TicketDetails).attachments, []);
    }
    const first = await anaApi.request(`${ROUTES.tickets}?state=open&limit=2`);
    const page1 = (await first.json()) as TicketPage;
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextCursor);
    const second = await anaApi.request(
      `${ROUTES.tickets}?state=open&limit=2&cursor=${page1.nextCursor}`,
    );
    const page2 = (await second.json()) as TicketPage;
    assert.equal(page2.nextCursor, null);
    const numbers = [...page1.items, ...page2.items].map((item) => item.number);
    assert.equal(numbers.length, 3);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => b - a),
    );
    assert.deepEqual(
      [...page1.items, ...page2.items].map((item) => item.urgency),
      ['medium', 'low', 'critical'],
    );

    const closed = (await (
      await anaApi.request(`${ROUTES.tickets}?state=closed`)
    ).json()) as TicketPage;
    assert.deepEqual(closed.items, []);
  });

  test('information is appended and a second file attached and downloaded', async () => {
    const [newest] = ((await (await anaApi.request(ROUTES.tickets)).json()) as TicketPage).items;
    const number = newest!.number;
    const before = await details(anaApi, number);

    const added = await anaApi.postJson(apiPath(ROUTES.information, { number }), {
      text: 'It also happens on the second ledger.',
    });
    assert.equal(added.status, 200);
    const withInfo = (await added.json()) as TicketDetails;
    assert.equal(withInfo.description, before.description);
    assert.deepEqual(
      withInfo.additions.map((addition) => addition.text),
      ['It also happens on the second ledger.'],
    );

    const attached = await anaApi.postForm(
      apiPath(ROUTES.attachments, { number }),
      {},
      {
        name: 'screenshot.png',
        bytes: PNG,
      },
    );
    assert.equal(attached.status, 201);
    const withFile = (await attached.json()) as TicketDetails;
    const file = withFile.attachments.find((item) => item.name === 'screenshot.png');
    assert.equal(file?.contentType, 'image/png');
    assert.ok(withFile.timeline.some((event) => event.kind === 'attachment_added'));

    const download = await anaApi.request(apiPath(ROUTES.attachment, { number, id: file!.id }));
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await worker!.r2Object(await storageKeyOf(file!.id)), PNG);
  });

  test('search finds a description and a later addition through the FTS5 index in sqld', async () => {
    const search = async (customer: HttpCustomer, q: string) => {
      const response = await customer.request(
        `${ROUTES.ticketSearch}?${new URLSearchParams({ q })}`,
      );
      assert.equal(response.status, 200, q);
      return ((await response.json()) as TicketPage).items.map((item) => item.number);
    };
    const [newest] = ((await (await anaApi.request(ROUTES.tickets)).json()) as TicketPage).items;
    assert.deepEqual(await search(anaApi, 'second LEDGER'), [newest!.number]);
    assert.ok((await search(anaApi, 'périod lock')).includes(newest!.number));
    assert.deepEqual(await search(anaApi, 'NEAR(ledger "'), []);
    assert.deepEqual(await search(brunoApi, 'ledger'), []);
  });

  test("another customer's ticket and file are not found, exactly like missing ones", async () => {
    const page = (await (await anaApi.request(ROUTES.tickets)).json()) as TicketPage;
    const withFile = await details(anaApi, page.items.at(-1)!.number);
    const file = withFile.attachments[0]!;

    const missingTicket = await brunoApi.request(apiPath(ROUTES.ticket, { number: 999_999 }));
    const missingBody = await missingTicket.text();
    assert.equal(missingTicket.status, 404);

    const theirs = await brunoApi.request(apiPath(ROUTES.ticket, { number: withFile.number }));
    assert.equal(theirs.status, 404);
    assert.equal(await theirs.text(), missingBody);

    const theirFile = await brunoApi.request(
      apiPath(ROUTES.attachment, { number: withFile.number, id: file.id }),
    );
    assert.equal(theirFile.status, 404);
    assert.equal(await theirFile.text(), missingBody);

    const ownMissingFile = await anaApi.request(
      apiPath(ROUTES.attachment, { number: withFile.number, id: 'AAAAAAAAAAAAAAAAAAAAAAAA' }),
    );
    assert.equal(ownMissingFile.status, 404);
    assert.equal(await ownMissingFile.text(), missingBody);

    const brunoList = (await (await brunoApi.request(ROUTES.tickets)).json()) as TicketPage;
    assert.deepEqual(brunoList.items, []);
  });

  test('accepting a solution that was never proposed is 409 and changes nothing', async () => {
    const [ticket] = ((await (await anaApi.request(ROUTES.tickets)).json()) as TicketPage).items;
    const before = await details(anaApi, ticket!.number);
    const response = await anaApi.request(apiPath(ROUTES.accept, { number: ticket!.number }), {
      method: 'POST',
    });
    assert.equal(response.status, 409);
    assert.equal((await response.json()).error.code, 'wrong_state');
    assert.deepEqual(await details(anaApi, ticket!.number), before);
  });

  test('an accepted solution closes the ticket, which moves to the closed list', async () => {
    const ticket = (await (await anaApi.createTicket()).json()) as TicketDetails;
    await sqld!.proposeSolution(ticket.number, 'Period 10/2026 unlocked.', new Date());
    const accepted = await anaApi.request(apiPath(ROUTES.accept, { number: ticket.number }), {
      method: 'POST',
    });
    assert.equal(accepted.status, 200);
    assert.equal(((await accepted.json()) as TicketDetails).status, 'closed');
    const closed = (await (
      await anaApi.request(`${ROUTES.tickets}?state=closed`)
    ).json()) as TicketPage;
    assert.deepEqual(
      closed.items.map((item) => item.number),
      [ticket.number],
    );
  });

  test('the Cron Trigger accepts a solution left unanswered too long', async () => {
    const ticket = (await (await anaApi.createTicket()).json()) as TicketDetails;
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await sqld!.proposeSolution(ticket.number, 'Restart the VPN client.', eightDaysAgo);

    const cron = await fetch(new URL('/__scheduled?cron=*+*+*+*+*', url()));
    assert.equal(cron.status, 200);
    await cron.arrayBuffer();

    const after = await details(anaApi, ticket.number);
    assert.equal(after.status, 'closed');
    assert.equal(after.timeline.at(-1)?.kind, 'solution_auto_accepted');
  });

  test('an SVG is refused with 415 and leaves neither a row nor an object behind', async () => {
    const [ticket] = ((await (await anaApi.request(ROUTES.tickets)).json()) as TicketPage).items;
    const before = await details(anaApi, ticket!.number);
    const rowsBefore = await sqld!.db.select().from(attachments);

    const response = await anaApi.postForm(
      apiPath(ROUTES.attachments, { number: ticket!.number }),
      {},
      {
        name: 'logo.svg',
        bytes: SVG,
      },
    );
    assert.equal(response.status, 415);
    assert.equal((await response.json()).error.code, 'unsupported_file_type');
    assert.deepEqual(await details(anaApi, ticket!.number), before);
    assert.deepEqual(await sqld!.db.select().from(attachments), rowsBefore);
    const svg = Buffer.from(SVG);
    assert.ok(filesUnder(worker!.persistTo).every((path) => !readFileSync(path).includes(svg)));
  });

  test('a write sent twice with one Idempotency-Key is made once; the repeat gets its answer', async () => {
    const keyed = (key: string, text: string) => {
      const form = new FormData();
      form.set('text', text);
      return anaApi.request(apiPath(ROUTES.replies, { number }), {
        method: 'POST',
        headers: { 'idempotency-key': key },
        body: form,
      });
    };
    const created = await anaApi.request(ROUTES.tickets, {
      method: 'POST',
      headers: { 'idempotency-key': 'create-once' },
      body: (() => {
        const form = new FormData();
        form.set('category', 'software.erp.error');
        form.set('urgency', 'low');
        form.set('description', 'Sent twice by a double click.');
        return form;
      })(),
    });
    assert.equal(created.status, 201);
    const { number } = (await created.json()) as TicketDetails;
    const key = crypto.randomUUID();
    const first = await keyed(key, 'Only once, please.');
    assert.equal(first.status, 201);
    // The Worker keeps the answer after it has gone (waitUntil): the repeat finds it, or waits.
    const again = await keyed(key, 'Only once, please.');
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), await first.json());
    const thread = (await details(anaApi, number)).additions.map((addition) => addition.text);
    assert.deepEqual(thread, ['Only once, please.']);
  });
});
