import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { eq } from 'drizzle-orm';
import { ROUTES } from '../../contract/routes.ts';
import { customers } from '../../edge/db/schema.ts';
import { DEMO_LOGIN, startPortal, type TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';

let portal: TestPortal;
before(async () => {
  portal = await startPortal();
});
after(() => portal.close());

const login = (body: unknown, type = 'application/json') =>
  portal.request(ROUTES.session, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('log in', () => {
  test('the demo customer logs in, the e-mail in any case, and gets a token and a profile', async () => {
    const response = await login({
      email: ' ANA.Garcia@Example.com ',
      password: DEMO_LOGIN.password,
    });
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.match(body.token, /^ey/);
    assert.equal(body.customer.email, 'ana.garcia@example.com');
    assert.equal(body.customer.name, 'Ana García');
    assert.equal(body.customer.language, 'es');
    assert.ok(!('passwordHash' in body.customer));
  });

  test('a wrong password and an unknown e-mail get the very same answer', async () => {
    const wrong = await login({ email: DEMO_LOGIN.email, password: 'not-the-password' });
    const unknown = await login({ email: 'nobody@example.com', password: 'not-the-password' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    assert.deepEqual(a, b);
    assert.equal(a.error.code, 'invalid_credentials');
  });

  test('a customer without a password yet, or deactivated, cannot log in', async () => {
    const fresh = await portal.createCustomer({ password: undefined });
    const response = await login({ email: fresh.email, password: 'anything-at-all' });
    assert.equal((await response.json()).error.code, 'invalid_credentials');

    const gone = await portal.createCustomer();
    await portal.db.update(customers).set({ active: false }).where(eq(customers.id, gone.id));
    const refused = await login({ email: gone.email, password: gone.password });
    assert.equal(refused.status, 401);
  });

  test('bad input gets a stable code per field', async () => {
    const missing = await login({ email: DEMO_LOGIN.email });
    assert.equal(missing.status, 400);
    assert.deepEqual((await missing.json()).error.fields, { password: 'required' });

    const extra = await login({ ...DEMO_LOGIN, role: 'admin' });
    assert.deepEqual((await extra.json()).error, {
      code: 'validation_failed',
      message: 'Some fields are not valid.',
      fields: { role: 'unknown_field' },
    });

    const malformed = await login('{"email": ');
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).error.code, 'invalid_json');

    const huge = await login({ email: DEMO_LOGIN.email, password: 'x'.repeat(300 * 1024) });
    assert.equal(huge.status, 413);
    assert.equal((await huge.json()).error.code, 'payload_too_large');

    const form = await login('email=a&password=b', 'application/x-www-form-urlencoded');
    assert.equal(form.status, 415);
    assert.equal((await form.json()).error.code, 'unsupported_media_type');
  });
});

describe('sessions', () => {
  test('GET /api/me needs a valid token', async () => {
    const anonymous = await portal.request(ROUTES.me);
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).error.code, 'unauthenticated');

    const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
    const me = await session.request(ROUTES.me);
    assert.equal(me.status, 200);
    assert.equal((await me.json()).email, DEMO_LOGIN.email);
  });

  test('tampered, unsigned, foreign-key, other-audience and expired tokens are refused', async () => {
    const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
    const [header, payload, signature] = session.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const other = { ...claims, sub: crypto.randomUUID() };
    const tampered = `${header}.${Buffer.from(JSON.stringify(other)).toString('base64url')}.${signature}`;
    const unsigned = new UnsecuredJWT(claims).encode();
    const wrongKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-too'));
    const wrongAlgorithm = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
      .sign(new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256'));
    const otherAudience = await new SignJWT({ ...claims, aud: 'support-portal:desk' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256'));
    for (const token of [tampered, unsigned, wrongKey, wrongAlgorithm, otherAudience, 'garbage']) {
      const response = await portal.request(ROUTES.me, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 401, token);
    }

    portal.clock.advance(portal.ports.config.ACCESS_TOKEN_TTL_SECONDS * 1000 + 1000);
    const expired = await session.request(ROUTES.me);
    assert.equal(expired.status, 401);
  });

  test('log out ends this session only', async () => {
    const first = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
    const second = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
    assert.equal((await first.request(ROUTES.session, { method: 'DELETE' })).status, 204);
    assert.equal((await first.request(ROUTES.me)).status, 401);
    assert.equal((await second.request(ROUTES.me)).status, 200);
  });

  test('a raised token version (password change, deactivation) ends every older session', async () => {
    const customer = await portal.createCustomer();
    const session = await logIn(portal, customer.email, customer.password);
    await portal.db
      .update(customers)
      .set({ tokenVersion: customer.tokenVersion + 1 })
      .where(eq(customers.id, customer.id));
    assert.equal((await session.request(ROUTES.me)).status, 401);
  });
});

describe('profile', () => {
  test('the customer changes their language, and only that', async () => {
    const customer = await portal.createCustomer();
    const session = await logIn(portal, customer.email, customer.password);
    const changed = await session.json(ROUTES.me, 'PATCH', { language: 'ca' });
    assert.equal(changed.status, 200);
    assert.equal((await changed.json()).language, 'ca');
    assert.equal((await (await session.request(ROUTES.me)).json()).language, 'ca');

    const unknownLanguage = await session.json(ROUTES.me, 'PATCH', { language: 'de' });
    assert.deepEqual((await unknownLanguage.json()).error.fields, { language: 'not_allowed' });

    const email = await session.json(ROUTES.me, 'PATCH', { language: 'en', email: 'x@evil.test' });
    assert.equal(email.status, 400);
    assert.deepEqual((await email.json()).error.fields, { email: 'unknown_field' });
    assert.equal((await (await session.request(ROUTES.me)).json()).email, customer.email);
  });
});
