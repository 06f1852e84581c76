/**
 * What the outside review found on the Worker (`wrangler dev` with a real sqld and local R2),
 * each checked on the Worker itself: unknown API routes, security headers on every path.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { count } from 'drizzle-orm';
import { ROUTES } from '../../contract/routes.ts';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { attachments, tickets } from '../../edge/db/schema.ts';
import { PNG } from '../support/files.ts';
import { logIn } from './support/http-customer.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { assertUnknownRoutes } from './support/unknown-routes.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const SHOP = 'https://shop.example.com';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;

before(
  async () => {
    sqld = await startSqld();
    worker = await startWranglerDev({
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

describe('the Worker after the outside review', () => {
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
