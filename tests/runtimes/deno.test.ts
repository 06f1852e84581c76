/**
 * A smoke run of the same app under `deno serve`, with libSQL served over HTTP by a real sqld and
 * attachments as files written through Deno's own APIs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { PublicConfig, TicketDetails, TicketPage } from '../../contract/types.ts';
import { attachments } from '../../edge/db/schema.ts';
import { PNG } from '../support/files.ts';
import { logIn, postLogin } from './support/http-customer.ts';
import { startDenoServe, type DenoServer } from './support/deno.ts';
import { startSqld, type LibsqlServer, type Login } from './support/sqld.ts';
import { assertUnknownRoutes } from './support/unknown-routes.ts';

let sqld: LibsqlServer | undefined;
let deno: DenoServer | undefined;
let ana: Login;

before(
  async () => {
    sqld = await startSqld();
    ana = await sqld.createCustomer('Ana', 100_000);
    deno = await startDenoServe({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    });
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([deno?.stop(), sqld?.stop()]);
});

describe('the app under deno serve, with sqld and files on disk', () => {
  test('unknown API routes and methods answer the JSON error with its code', async () => {
    await assertUnknownRoutes(deno!.url);
  });

  test('serves the public config', async () => {
    const response = await fetch(new URL(ROUTES.config, deno!.url));
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as PublicConfig).defaultLanguage, 'es');
  });

  test('a customer logs in, files a ticket with a file, downloads it again and finds it by search', async () => {
    const wrong = await postLogin(deno!.url, { email: ana.email, password: 'not-her-password' });
    assert.equal(wrong.status, 401);

    const customer = await logIn(deno!.url, ana);
    const created = await customer.createTicket({}, { name: 'screen.png', bytes: PNG });
    assert.equal(created.status, 201);
    const ticket = (await created.json()) as TicketDetails;
    const file = ticket.attachments[0]!;
    assert.equal(file.name, 'screen.png');

    const download = await customer.request(
      apiPath(ROUTES.attachment, { number: ticket.number, id: file.id }),
    );
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.match(download.headers.get('content-disposition')!, /^attachment; /);
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');

    const [row] = await sqld!.db
      .select({ key: attachments.storageKey })
      .from(attachments)
      .where(eq(attachments.id, file.id));
    const stored = readFileSync(join(deno!.attachmentsDir, row!.key));
    assert.deepEqual(new Uint8Array(stored), PNG);

    const search = await customer.request(`${ROUTES.ticketSearch}?q=p%C3%A9riod+LOCK`);
    assert.equal(search.status, 200);
    const found = (await search.json()) as TicketPage;
    assert.deepEqual(
      found.items.map((item) => item.number),
      [ticket.number],
    );
  });

  test('with the database out of reach, a request gets a retryable 503, then works again', async () => {
    await sqld!.kill();
    const down = await postLogin(deno!.url, ana);
    assert.equal(down.status, 503);
    assert.equal((await down.json()).error.code, 'service_unavailable');
    assert.ok(Number(down.headers.get('retry-after')) > 0);

    await sqld!.restart();
    assert.equal((await postLogin(deno!.url, ana)).status, 201);
  });
});
