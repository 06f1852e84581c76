/**
 * What the outside review found on the Worker (`wrangler dev` with a real sqld and local R2),
 * each checked on the Worker itself: rate limits of junk captchas, webhook hosts resolved and
 * checked, an aborted upload, unknown API routes, security headers on every path.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { count, eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import { ROUTES } from '../../contract/routes.ts';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { attachments, tickets, webhookDeliveries } from '../../edge/db/schema.ts';
import { PNG } from '../support/files.ts';
import { logIn } from './support/http-customer.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { assertUnknownRoutes } from './support/unknown-routes.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const SHOP = 'https://shop.example.com';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let doh: Server | undefined;
let deskKey: string;

/** What the stand-in DNS-over-HTTPS server answers: public, loopback, private. */
const DNS: Record<string, string[]> = {
  'localtest.me': ['127.0.0.1'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'intranet.example.com': ['10.0.0.7'],
  'v6.example.com': ['::1'],
  'hooks.example.com': ['93.184.215.14'],
};
const dohRequests: string[] = [];

/**
 * Cloudflare's DNS-over-HTTPS JSON API cannot be reached from here: a local server that checks
 * the exact request (path, `name`, `type`, `accept`) and answers from DNS.
 */
async function startDoh(): Promise<string> {
  doh = createServer((request, response) => {
    const asked = new URL(request.url ?? '', 'http://doh');
    const name = asked.searchParams.get('name') ?? '';
    const type = asked.searchParams.get('type');
    dohRequests.push(`${name} ${type}`);
    const wellFormed =
      asked.pathname === '/dns-query' &&
      (type === 'A' || type === 'AAAA') &&
      request.headers.accept === 'application/dns-json';
    if (!wellFormed) return void response.writeHead(400).end();
    const family = type === 'A' ? 1 : 28;
    const records = (DNS[name] ?? [])
      .filter((address) => (address.includes(':') ? 28 : 1) === family)
      .map((data) => ({ name, type: family, TTL: 60, data }));
    response.writeHead(200, { 'content-type': 'application/dns-json' });
    response.end(JSON.stringify({ Status: name in DNS ? 0 : 3, Answer: records }));
  });
  await new Promise<void>((resolve) => doh!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(doh.address() as AddressInfo).port}/dns-query`;
}

before(
  async () => {
    sqld = await startSqld();
    ({ key: deskKey } = await createIntegrationKey(sqld.db, 'Hardening desk', new Date()));
    const dohUrl = await startDoh();
    worker = await startWranglerDev({
      WEBHOOK_DOH_URL: dohUrl,
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      ALLOWED_ORIGINS: SHOP,
      CAPTCHA_COST: '100',
    });
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([worker?.stop(), sqld?.stop()]);
  await new Promise((resolve) => doh?.close(resolve));
});

const url = (path: string) => new URL(path, worker!.url);

/** A captcha of the Worker's, solved as the widget would. */
async function solvedCaptcha(): Promise<string> {
  const challenge = (await (await fetch(url(ROUTES.captcha))).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return btoa(JSON.stringify({ challenge, solution }));
}

const forgot = async (email: string, captcha: string) =>
  fetch(url(ROUTES.passwordForgot), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, captcha, returnTo: `${SHOP}/support` }),
  });

/** Every file under a folder: wrangler keeps R2 objects as files under its state folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

async function rowCount(table: typeof tickets | typeof attachments) {
  const [row] = await sqld!.db.select({ n: count() }).from(table);
  return row!.n;
}

/**
 * Starts a ticket with a file whose body says it is 2 MB, sends the form's fields and the first
 * 256 KB of the file, then drops the connection, as a closed laptop or a lost network would.
 */
async function abortedUpload(token: string): Promise<void> {
  const boundary = 'aborted-upload-boundary';
  const fields = Object.entries({
    category: 'software.erp.error',
    urgency: 'high',
    description: 'The upload that never finished',
  })
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  const head = `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`;
  const sent = Buffer.concat([Buffer.from(head), Buffer.from(PNG), Buffer.alloc(256 * 1024)]);
  const request = httpRequest(url(ROUTES.tickets), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(2 * 1024 * 1024),
    },
  });
  request.on('error', () => {});
  await new Promise<void>((resolve) => request.write(sent, () => resolve()));
  request.destroy();
}

const subscribe = (hookUrl: string) =>
  fetch(url(DESK_ROUTES.webhooks), {
    method: 'POST',
    headers: { authorization: `Bearer ${deskKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: hookUrl, events: ['ticket.created'] }),
  });

describe('the Worker after the outside review', () => {
  test('webhook hosts are resolved (DNS over HTTPS) and checked, at subscription and delivery', async () => {
    for (const host of Object.keys(DNS).filter((h) => h !== 'hooks.example.com')) {
      const refused = await subscribe(`https://${host}/hooks`);
      assert.equal(refused.status, 400, host);
      assert.deepEqual((await refused.json()).error.fields, { url: 'not_allowed' }, host);
    }
    assert.ok(dohRequests.includes('localtest.me A'), dohRequests.join(', '));
    const created = await subscribe('https://hooks.example.com/portal');
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };

    // Re-pointed inside after subscribing: the delivery is refused before any connection.
    DNS['hooks.example.com'] = ['169.254.169.254'];
    const login = await sqld!.createCustomer('Hooks', WORKERS_PBKDF2_MAX_ITERATIONS);
    const customer = await logIn(worker!.url, login);
    assert.equal((await customer.createTicket()).status, 201);
    assert.equal((await fetch(url('/__scheduled?cron=*+*+*+*+*'))).status, 200);
    const rows = await sqld!.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, id));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'pending');
    assert.match(rows[0]!.lastError ?? '', /^refused: resolves to a private or local address/);
  });

  test('an upload aborted mid-body: one log line, nothing stored, the Worker still serves', async () => {
    const login = await sqld!.createCustomer('Abort', WORKERS_PBKDF2_MAX_ITERATIONS);
    const customer = await logIn(worker!.url, login);
    const before = {
      tickets: await rowCount(tickets),
      attachments: await rowCount(attachments),
      files: filesUnder(worker!.persistTo),
    };
    await abortedUpload(customer.token);
    await worker!.waitForOutput(/BodyAbortedError/);
    // The next request is served, which also lets the aborted one finish its clean-up.
    assert.equal((await customer.request(ROUTES.tickets)).status, 200);
    const log = worker!.output();
    assert.equal(log.match(/BodyAbortedError/g)?.length, 1, log);
    // Before, the read's failure escaped as a 500 `internal` with the raw error.
    assert.doesNotMatch(log, /"status":500/, log);
    assert.equal(await rowCount(tickets), before.tickets);
    assert.equal(await rowCount(attachments), before.attachments);
    // R2 objects are blobs; the bucket's own index (SQLite files) may appear on first use.
    const added = filesUnder(worker!.persistTo).filter(
      (f) => !before.files.includes(f) && !/\.sqlite(-shm|-wal)?$/.test(f),
    );
    assert.deepEqual(added, [], 'no object left in R2');
  });

  test("junk captchas use up the address's limit (Cloudflare's binding), never the e-mail's", async () => {
    const victim = `victim-${crypto.randomUUID()}@example.com`;
    // wrangler.toml: 5 per e-mail and 20 per address a minute.
    for (let i = 0; i < 6; i++) assert.equal((await forgot(victim, 'junk')).status, 400);
    assert.equal((await forgot(victim, await solvedCaptcha())).status, 202);
    // Twice the address's limit: within it, whenever the binding's minute turns over.
    const statuses: number[] = [];
    for (let i = 0; i < 40 && statuses.at(-1) !== 429; i++) {
      statuses.push((await forgot(victim, 'junk')).status);
    }
    assert.equal(statuses.at(-1), 429, statuses.join(','));
  });

  test('unknown API routes and methods answer the JSON error with its code', async () => {
    await assertUnknownRoutes(worker!.url);
  });

  test('every path it serves carries the security headers, not only /api/', async () => {
    const requests: [string, RequestInit?][] = [
      ['/'],
      ['/index.html'],
      ['/no/such/page'],
      ['/dist/support-portal.js'],
      ['/', { method: 'POST', body: 'x' }],
      ['/api/config'],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(url(path), init);
      await response.arrayBuffer();
      const context = `${init?.method ?? 'GET'} ${path}`;
      assert.match(
        response.headers.get('content-security-policy') ?? '',
        /frame-ancestors 'none'/,
        context,
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', context);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', context);
    }
  });
});
