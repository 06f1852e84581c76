/**
 * The accounts flows on the Worker itself (`wrangler dev`, workerd): the ALTCHA captcha checked
 * with WebCrypto only, a set-password e-mail queued in sqld, and the rate limits counted by
 * Cloudflare's rate-limiting binding of wrangler.toml (wrangler's local simulation).
 */
import assert from 'node:assert/strict';
import { setTimeout } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { eq } from 'drizzle-orm';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { ROUTES } from '../../contract/routes.ts';
import { mailOutbox } from '../../edge/db/schema.ts';
import { postLogin } from './support/http-customer.ts';
import { startSqld, type LibsqlServer, type Login } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const SHOP = 'https://shop.example.com';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let ana: Login;

before(
  async () => {
    sqld = await startSqld();
    ana = await sqld.createCustomer('Ana', WORKERS_PBKDF2_MAX_ITERATIONS);
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

const post = (path: string, body: unknown) =>
  fetch(new URL(path, worker!.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('accounts on the Worker', () => {
  test('a solved captcha asks for a link once; the e-mail is queued; a replay is refused', async () => {
    const challenge = (await (
      await fetch(new URL(ROUTES.captcha, worker!.url))
    ).json()) as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    const captcha = btoa(JSON.stringify({ challenge, solution }));
    const body = { email: ana.email, captcha, returnTo: `${SHOP}/help` };
    assert.equal((await post(ROUTES.passwordForgot, body)).status, 202);
    const replay = await post(ROUTES.passwordForgot, body);
    assert.equal((await replay.json()).error.code, 'captcha_failed');
    const [mail] = await sqld!.db.select().from(mailOutbox).where(eq(mailOutbox.to, ana.email));
    assert.match(mail!.text, /https:\/\/shop\.example\.com\/help#sp\/set-password\/[\w-]{43}/);
  });

  test('the rate-limiting binding refuses the sixth solved request for one e-mail within its minute', async () => {
    // Only a request whose captcha passes counts against its e-mail (junk counts against the
    // address alone, tests/runtimes/workers-hardening.test.ts): six solved captchas, one each.
    const solved = [];
    for (let i = 0; i < 6; i++) {
      const challenge = (await (
        await fetch(new URL(ROUTES.captcha, worker!.url))
      ).json()) as Challenge;
      const solution = await solveChallenge({ challenge, deriveKey });
      solved.push(btoa(JSON.stringify({ challenge, solution })));
    }
    const ask = (captcha: string) =>
      post(ROUTES.passwordForgot, { email: 'bruno@example.com', captcha, returnTo: SHOP });
    // The binding counts in fixed minute windows (as Cloudflare does): start early in one, so that
    // six requests on a slow machine do not straddle two.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await setTimeout(60_000 - intoMinute + 100);
    for (const captcha of solved.slice(0, 5)) assert.equal((await ask(captcha)).status, 202);
    const refused = await ask(solved[5]!);
    assert.equal(refused.status, 429);
    assert.equal((await refused.json()).error.retryAfterSeconds, 60);
    assert.equal(refused.headers.get('retry-after'), '60');
  });

  test('failed logins lock the e-mail, counted in the database', async () => {
    const wrong = { email: ana.email, password: 'not-the-password' };
    for (let i = 0; i < 5; i++) assert.equal((await postLogin(worker!.url, wrong)).status, 401);
    const locked = await postLogin(worker!.url, ana);
    assert.equal(locked.status, 429);
    // The lock counts down in real time from the fifth failure: a loaded machine may take a second.
    const retryAfter = (await locked.json()).error.retryAfterSeconds;
    assert.ok(retryAfter > 890 && retryAfter <= 900, `retry after ${retryAfter} s`);
  });
});
