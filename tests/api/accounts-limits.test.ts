import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { askForLink, linkFor, postJson, RETURN_TO } from '../support/accounts.ts';
import { logIn } from '../support/customer.ts';

let portal: TestPortal;
beforeEach(async () => {
  portal = await startPortal({
    RATE_LIMIT_WINDOW_SECONDS: '600',
    RATE_LIMIT_PER_EMAIL: '3',
    RATE_LIMIT_PER_ADDRESS: '5',
    LOCKOUT_FAILURES: '3',
    LOCKOUT_SECONDS: '900',
  });
  // As @hono/node-server's socket would report it.
  portal.ports.clientAddress = () => '203.0.113.7';
});
afterEach(() => portal.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  postJson(portal, ROUTES.session, { email, password }, headers);

async function assertLimited(response: Response, maxSeconds: number) {
  assert.equal(response.status, 429);
  const body = await response.json();
  assert.equal(body.error.code, 'rate_limited');
  assert.ok(body.error.retryAfterSeconds > 0 && body.error.retryAfterSeconds <= maxSeconds);
  assert.equal(response.headers.get('retry-after'), String(body.error.retryAfterSeconds));
}

describe('lockout after failed logins', () => {
  test('locks the e-mail, even with the right password, and recovers after the lockout', async () => {
    const customer = await portal.createCustomer();
    for (let i = 0; i < 3; i++)
      assert.equal((await login(customer.email, 'wrong-password')).status, 401);
    await assertLimited(await login(customer.email, customer.password), 900);
    portal.clock.advance(901_000);
    assert.equal((await login(customer.email, customer.password)).status, 201);
  });

  test('someone else locking the e-mail does not keep its owner out after a password reset', async () => {
    const customer = await portal.createCustomer();
    for (let i = 0; i < 3; i++)
      assert.equal((await login(customer.email, 'wrong-password')).status, 401);
    await assertLimited(await login(customer.email, customer.password), 900);
    assert.equal((await askForLink(portal, customer.email)).status, 202);
    const { token } = await linkFor(portal, customer.email);
    const newPassword = 'amber-orchard-compass-17';
    const reset = await postJson(portal, ROUTES.passwordReset, { token, password: newPassword });
    assert.equal(reset.status, 200);
    assert.equal((await login(customer.email, newPassword)).status, 201);
  });

  test('a successful login clears the failures', async () => {
    const customer = await portal.createCustomer();
    for (let i = 0; i < 2; i++) await login(customer.email, 'wrong-password');
    await logIn(portal, customer.email, customer.password);
    portal.clock.advance(601_000);
    for (let i = 0; i < 2; i++) await login(customer.email, 'wrong-password');
    assert.equal((await login(customer.email, customer.password)).status, 201);
  });
});

describe('per client address', () => {
  test('trips, is not dodged by a spoofed X-Forwarded-For, and recovers after the window', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await login(`someone-${i}@example.com`, 'wrong-password', {
        'x-forwarded-for': `198.51.100.${i}`,
      });
      assert.equal(response.status, 401);
    }
    await assertLimited(
      await login('someone-else@example.com', 'wrong-password', {
        'x-forwarded-for': '198.51.100.99',
      }),
      600,
    );
    portal.clock.advance(601_000);
    assert.equal((await login('someone-else@example.com', 'wrong-password')).status, 401);
  });

  test('a configured proxy header is the address when set', async () => {
    portal.close();
    portal = await startPortal({ RATE_LIMIT_PER_ADDRESS: '2', CLIENT_IP_HEADER: 'X-Real-IP' });
    for (const address of ['192.0.2.1', '192.0.2.1'])
      assert.equal((await login('a@example.com', 'x', { 'x-real-ip': address })).status, 401);
    await assertLimited(await login('a@example.com', 'x', { 'x-real-ip': '192.0.2.1' }), 900);
    assert.equal((await login('a@example.com', 'x', { 'x-real-ip': '192.0.2.2' })).status, 401);
  });
});

describe('forgotten password and reset', () => {
  test('forgot is limited per e-mail, with a 429 whether the e-mail exists or not', async () => {
    const customer = await portal.createCustomer();
    for (let i = 0; i < 3; i++)
      assert.equal((await askForLink(portal, customer.email)).status, 202);
    await assertLimited(await askForLink(portal, customer.email), 600);
    for (let i = 0; i < 2; i++) await askForLink(portal, 'ghost@example.com');
    // Past the address's limit, an e-mail never seen gets the same 429 as a known one.
    await assertLimited(await askForLink(portal, 'ghost@example.com'), 600);
    portal.clock.advance(601_000);
    assert.equal((await askForLink(portal, customer.email)).status, 202);
  });

  test('requests with a junk captcha or a refused returnTo count against their address, never the e-mail', async () => {
    const victim = await portal.createCustomer();
    let address = '203.0.113.66';
    portal.ports.clientAddress = () => address;
    const junk = (returnTo = RETURN_TO) =>
      postJson(portal, ROUTES.passwordForgot, { email: victim.email, captcha: 'junk', returnTo });
    for (let i = 0; i < 3; i++)
      assert.equal((await (await junk()).json()).error.code, 'captcha_failed');
    const elsewhere = await junk('https://evil.example/');
    assert.deepEqual((await elsewhere.json()).error.fields, { returnTo: 'not_allowed' });

    address = '198.51.100.9';
    assert.equal((await askForLink(portal, victim.email)).status, 202, 'the victim gets a link');

    address = '203.0.113.66';
    assert.equal((await junk()).status, 400);
    await assertLimited(await junk(), 600);
  });

  test('reset is limited per client address', async () => {
    const token = 'A'.repeat(43);
    for (let i = 0; i < 5; i++) {
      const response = await postJson(portal, ROUTES.passwordReset, {
        token,
        password: 'violet-harbour-lantern-42',
      });
      assert.equal((await response.json()).error.code, 'invalid_link');
    }
    await assertLimited(
      await postJson(portal, ROUTES.passwordReset, {
        token,
        password: 'violet-harbour-lantern-42',
      }),
      600,
    );
  });
});

describe('partner single sign-on', () => {
  test('is limited per client address like a login', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await postJson(portal, ROUTES.partnerSession, { token: `not.a.token${i}` });
      assert.equal(response.status, 401);
    }
    await assertLimited(
      await postJson(portal, ROUTES.partnerSession, { token: 'not.a.token' }),
      600,
    );
  });
});
