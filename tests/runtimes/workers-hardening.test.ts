/**
 * What the outside review found on the Worker (`wrangler dev` with a real sqld and local R2),
 * each checked on the Worker itself: unknown API routes, security headers on every path.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { ROUTES } from '../../contract/routes.ts';
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

describe('the Worker after the outside review', () => {
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
