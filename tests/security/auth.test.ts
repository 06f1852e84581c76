/**
 * Attacks on the way in: tampered access tokens, set-password links replayed, expired or
 * poisoned through Host headers, enumeration through login and forgotten password (same status
 * and body; their timing is measured by `npm run bench:forgot-timing`, never asserted here),
 * password guessing stopped by the lockout, and CORS from an origin not on the allowlist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { askForLink, linkFor, postJson, RETURN_TO, solvedCaptcha } from '../support/accounts.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { assertRefusal, fingerprint } from './support.ts';

let portal: TestPortal;
let customer: CustomerSession;
let known: { email: string; password: string };
before(async () => {
  portal = await startPortal({ LOCKOUT_FAILURES: '5' });
  known = await portal.createCustomer();
  customer = await logIn(portal, known.email, known.password);
});
after(() => portal.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tampered access tokens', () => {
  test('every variant is refused with 401 unauthenticated', async () => {
    const [header, payload, signature] = customer.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const variants = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'signature flipped': `${header}.${payload}.${flip(signature)}`,
      'signature dropped': `${header}.${payload}.`,
      'other customer in payload': `${header}.${b64({ ...claims, sub: 'someone-else' })}.${signature}`,
      'expiry pushed out': `${header}.${b64({ ...claims, exp: claims.exp + 86_400 })}.${signature}`,
      'HS512 header': `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.${signature}`,
      truncated: customer.token.slice(0, -5),
      'two tokens': `${customer.token}.${customer.token}`,
      empty: '',
    };
    for (const [name, token] of Object.entries(variants)) {
      const response = await portal.request(ROUTES.me, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await assertRefusal(response, name);
      assert.equal(response.status, 401, name);
      assert.equal(body.error.code, 'unauthenticated', name);
    }
    assert.equal((await customer.request(ROUTES.me)).status, 200, 'the real token still works');
  });

  test('a token past its expiry is refused', async () => {
    const c = await portal.createCustomer();
    const session = await logIn(portal, c.email, c.password);
    portal.clock.advance(48 * 3_600_000);
    assert.equal((await session.request(ROUTES.me)).status, 401);
  });
});

describe('set-password links', () => {
  test('single use, dead after an hour, never built from Host or X-Forwarded-Host', async () => {
    const c = await portal.createCustomer();
    const asked = await askForLink(portal, c.email, {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'http',
    });
    assert.equal(asked.status, 202);
    const { link, token } = await linkFor(portal, c.email);
    assert.ok(link.startsWith('https://shop.example.com/'), link);
    assert.ok(!link.includes('evil'), link);
    assert.ok(token.length >= 22, 'at least 128 bits');
    const reset = (t: string) =>
      postJson(portal, ROUTES.passwordReset, { token: t, password: 'a-long-new-passphrase-42' });
    assert.equal((await reset(token)).status < 300, true);
    const replay = await assertRefusal(await reset(token), 'replay');
    assert.equal(replay.error.code, 'invalid_link');

    await askForLink(portal, c.email);
    const { token: later } = await linkFor(portal, c.email);
    portal.clock.advance(3_600_001);
    const expired = await assertRefusal(await reset(later), 'expired');
    assert.equal(expired.error.code, 'invalid_link');
  });
});

describe('captcha replay', () => {
  test('a forgotten-password captcha used twice: the replay is refused and writes nothing', async () => {
    const c = await portal.createCustomer();
    const body = { email: c.email, captcha: await solvedCaptcha(portal), returnTo: RETURN_TO };
    assert.equal((await postJson(portal, ROUTES.passwordForgot, body)).status, 202);
    const before = await fingerprint(portal.client);
    const replay = await assertRefusal(
      await postJson(portal, ROUTES.passwordForgot, body),
      'replay',
    );
    assert.equal(replay.error.code, 'captcha_failed');
    assert.deepEqual(await fingerprint(portal.client), before, 'no second link, no second e-mail');
  });
});

describe('enumeration', () => {
  test('login: a known e-mail with a wrong password and an unknown e-mail get the same answer', async () => {
    const wrong = await postJson(portal, ROUTES.session, {
      email: known.email,
      password: 'not-the-password',
    });
    const unknown = await postJson(portal, ROUTES.session, {
      email: 'nobody-here@example.com',
      password: 'not-the-password',
    });
    assert.equal(wrong.status, unknown.status);
    assert.equal(await wrong.text(), await unknown.text());
  });

  test('forgotten password: the same status and body for known and unknown e-mails', async () => {
    const c = await portal.createCustomer();
    const a = await askForLink(portal, c.email);
    const b = await askForLink(portal, 'nobody-at-all@example.com');
    assert.equal(a.status, b.status);
    assert.equal(await a.text(), await b.text());
  });
});

describe('guessing passwords', () => {
  test('the lockout stops a brute force, even when the right password comes', async () => {
    const c = await portal.createCustomer();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await postJson(portal, ROUTES.session, {
        email: c.email,
        password: `guess-${i}`,
      });
      statuses.push(response.status);
    }
    assert.ok(
      statuses.slice(5).every((status) => status === 429),
      statuses.join(','),
    );
    const right = await postJson(portal, ROUTES.session, { email: c.email, password: c.password });
    assert.equal(right.status, 429);
  });
});

describe('CORS', () => {
  test('an origin not on the allowlist gets no CORS grant, neither reflected nor wildcard', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'https://shop.example.com.evil.example',
    ]) {
      const preflight = await portal.request(ROUTES.tickets, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      const allowed = preflight.headers.get('access-control-allow-origin');
      assert.ok(
        allowed === null || allowed === 'https://shop.example.com',
        `${origin}: ${allowed}`,
      );
      const simple = await customer.request(ROUTES.me, { headers: { origin } });
      const granted = simple.headers.get('access-control-allow-origin');
      assert.ok(granted !== origin && granted !== '*', `${origin}: ${granted}`);
    }
    const good = await portal.request(ROUTES.config, {
      headers: { origin: 'https://shop.example.com' },
    });
    assert.equal(good.headers.get('access-control-allow-origin'), 'https://shop.example.com');
  });
});
