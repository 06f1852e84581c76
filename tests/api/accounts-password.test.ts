import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ROUTES } from '../../contract/routes.ts';
import { mailOutbox, passwordResets } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { askForLink, linkFor, postJson, solvedCaptcha, RETURN_TO } from '../support/accounts.ts';
import { CustomerSession, logIn } from '../support/customer.ts';

let portal: TestPortal;
before(async () => {
  portal = await startPortal();
});
after(() => portal.close());

const NEW_PASSWORD = 'violet-harbour-lantern-42';
const HOUR = 60 * 60 * 1000;

const reset = (token: string, password = NEW_PASSWORD) =>
  postJson(portal, ROUTES.passwordReset, { token, password });

describe('captcha', () => {
  test('a challenge is served and a solved one is accepted once, a replay refused', async () => {
    const customer = await portal.createCustomer();
    const captcha = await solvedCaptcha(portal);
    const body = { email: customer.email, captcha, returnTo: RETURN_TO };
    const first = await postJson(portal, ROUTES.passwordForgot, body);
    assert.equal(first.status, 202);
    const replay = await postJson(portal, ROUTES.passwordForgot, body);
    assert.equal(replay.status, 400);
    assert.equal((await replay.json()).error.code, 'captcha_failed');
  });

  test('a wrong solution, a tampered challenge and garbage are refused', async () => {
    const customer = await portal.createCustomer();
    const good = JSON.parse(atob(await solvedCaptcha(portal)));
    const wrong = { ...good, solution: { ...good.solution, counter: good.solution.counter + 1 } };
    const tampered = {
      ...good,
      challenge: {
        ...good.challenge,
        parameters: { ...good.challenge.parameters, keyPrefix: '0' },
      },
    };
    for (const captcha of [btoa(JSON.stringify(wrong)), btoa(JSON.stringify(tampered)), 'x']) {
      const response = await postJson(portal, ROUTES.passwordForgot, {
        email: customer.email,
        captcha,
        returnTo: RETURN_TO,
      });
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error.code, 'captcha_failed');
    }
    const mails = await portal.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, customer.email));
    assert.equal(mails.length, 0);
  });

  test('a challenge older than ten minutes is refused', async () => {
    const customer = await portal.createCustomer();
    const captcha = await solvedCaptcha(portal);
    portal.clock.advance(11 * 60 * 1000);
    const response = await postJson(portal, ROUTES.passwordForgot, {
      email: customer.email,
      captcha,
      returnTo: RETURN_TO,
    });
    assert.equal((await response.json()).error.code, 'captcha_failed');
  });
});

describe('forgotten password', () => {
  test('known and unknown e-mails get byte-identical answers', async () => {
    const customer = await portal.createCustomer();
    const known = await askForLink(portal, customer.email);
    const unknown = await askForLink(portal, 'nobody-here@example.com');
    assert.equal(known.status, 202);
    assert.equal(unknown.status, known.status);
    assert.equal(await unknown.text(), await known.text());
    // Every header alike but the request's own id, new on each request whoever asks.
    const headers = (response: Response) =>
      [...response.headers].filter(([name]) => name !== 'x-request-id');
    assert.deepEqual(headers(unknown), headers(known));
    const none = await portal.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'nobody-here@example.com'));
    assert.equal(none.length, 0);
  });

  test('the link is on the allowed origin whatever Host and X-Forwarded-Host say', async () => {
    const customer = await portal.createCustomer({ language: 'fr' });
    const response = await askForLink(portal, customer.email, {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    });
    assert.equal(response.status, 202);
    const { link } = await linkFor(portal, customer.email);
    assert.ok(link.startsWith('https://shop.example.com/support?tab=help#sp/set-password/'), link);
    assert.ok(!link.includes('evil'));
    const [stored] = await portal.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.customerId, customer.id));
    // Only the hash is kept: the token in the link is not in the database.
    assert.ok(!link.endsWith(stored!.tokenHash));
  });

  test('a returnTo outside the allowlist is refused', async () => {
    const response = await postJson(portal, ROUTES.passwordForgot, {
      email: 'someone@example.com',
      captcha: await solvedCaptcha(portal),
      returnTo: 'https://evil.example/steal',
    });
    assert.equal(response.status, 400);
    assert.deepEqual((await response.json()).error.fields, { returnTo: 'not_allowed' });
  });
});

describe('set password from the link', () => {
  test('the link logs in once, ends other sessions, and mails a notice', async () => {
    const customer = await portal.createCustomer();
    const other = await logIn(portal, customer.email, customer.password);
    await askForLink(portal, customer.email);
    const { token } = await linkFor(portal, customer.email);
    const response = await reset(token);
    assert.equal(response.status, 200);
    const session = await response.json();
    assert.equal(session.customer.email, customer.email);
    const fresh = new CustomerSession(portal, session.token);
    assert.equal((await fresh.request(ROUTES.me)).status, 200);
    assert.equal((await other.request(ROUTES.me)).status, 401);
    await logIn(portal, customer.email, NEW_PASSWORD);

    const again = await reset(token, 'another-long-passphrase-9');
    assert.equal((await again.json()).error.code, 'invalid_link');
    const notice = await portal.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, customer.email));
    assert.equal(notice.length, 2);
  });

  test('a link older than one hour is dead', async () => {
    const customer = await portal.createCustomer();
    await askForLink(portal, customer.email);
    const { token } = await linkFor(portal, customer.email);
    portal.clock.advance(HOUR + 1000);
    assert.equal((await (await reset(token)).json()).error.code, 'invalid_link');
  });

  test('a link dies when the password changes meanwhile', async () => {
    const customer = await portal.createCustomer();
    await askForLink(portal, customer.email);
    const { token } = await linkFor(portal, customer.email);
    const session = await logIn(portal, customer.email, customer.password);
    const changed = await session.json(ROUTES.passwordChange, 'POST', {
      currentPassword: customer.password,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(changed.status, 200);
    assert.equal((await (await reset(token)).json()).error.code, 'invalid_link');
  });

  test('asking again kills the older link', async () => {
    const customer = await portal.createCustomer();
    await askForLink(portal, customer.email);
    const older = await linkFor(portal, customer.email);
    await askForLink(portal, customer.email);
    const newer = await linkFor(portal, customer.email);
    assert.notEqual(older.token, newer.token);
    assert.equal((await (await reset(older.token)).json()).error.code, 'invalid_link');
    assert.equal((await reset(newer.token)).status, 200);
  });

  test('a first-access customer (no password yet) sets one', async () => {
    const customer = await portal.createCustomer({ password: undefined });
    await askForLink(portal, customer.email);
    const { token } = await linkFor(portal, customer.email);
    assert.equal((await reset(token)).status, 200);
    await logIn(portal, customer.email, NEW_PASSWORD);
  });

  test('the policy refuses short, common and e-mail passwords, and the link stays usable', async () => {
    const customer = await portal.createCustomer({ email: 'rosalind.franklin@example.com' });
    await askForLink(portal, customer.email);
    const { token } = await linkFor(portal, customer.email);
    const cases: [string, string][] = [
      ['short-one', 'too_short'],
      ['qwerty123456', 'too_common'],
      ['password123456789', 'too_common'],
      ['rosalind.franklin@example.com', 'same_as_email'],
      ['ROSALIND.FRANKLIN', 'same_as_email'],
    ];
    for (const [password, code] of cases) {
      const response = await reset(token, password);
      assert.equal(response.status, 400, password);
      const body = await response.json();
      assert.equal(body.error.code, 'validation_failed');
      assert.deepEqual(body.error.fields, { password: code }, password);
    }
    assert.equal((await reset(token)).status, 200);
  });
});

describe('change password', () => {
  test('needs the current password, follows the policy, and ends other sessions', async () => {
    const customer = await portal.createCustomer();
    const here = await logIn(portal, customer.email, customer.password);
    const elsewhere = await logIn(portal, customer.email, customer.password);

    const wrong = await here.json(ROUTES.passwordChange, 'POST', {
      currentPassword: 'not-my-password',
      newPassword: NEW_PASSWORD,
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual((await wrong.json()).error.fields, { currentPassword: 'incorrect' });

    const common = await here.json(ROUTES.passwordChange, 'POST', {
      currentPassword: customer.password,
      newPassword: '1qaz2wsx3edc',
    });
    assert.deepEqual((await common.json()).error.fields, { newPassword: 'too_common' });

    const changed = await here.json(ROUTES.passwordChange, 'POST', {
      currentPassword: customer.password,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(changed.status, 200);
    const next = new CustomerSession(portal, (await changed.json()).token);
    assert.equal((await next.request(ROUTES.me)).status, 200);
    assert.equal((await elsewhere.request(ROUTES.me)).status, 401);
    assert.equal((await here.request(ROUTES.me)).status, 401);
    await logIn(portal, customer.email, NEW_PASSWORD);
    await assert.rejects(logIn(portal, customer.email, customer.password));
  });

  test('needs a session', async () => {
    const response = await postJson(portal, ROUTES.passwordChange, {
      currentPassword: 'x',
      newPassword: NEW_PASSWORD,
    });
    assert.equal(response.status, 401);
  });
});

describe('session refresh', () => {
  test('a new access token for the same session, refused once logged out', async () => {
    const customer = await portal.createCustomer();
    const session = await logIn(portal, customer.email, customer.password);
    portal.clock.advance(60_000);
    const response = await session.request(ROUTES.sessionRefresh, { method: 'POST' });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.notEqual(body.token, session.token);
    assert.ok(Date.parse(body.expiresAt) > portal.clock.now().getTime());
    const renewed = new CustomerSession(portal, body.token);
    assert.equal((await renewed.request(ROUTES.me)).status, 200);
    assert.equal((await renewed.request(ROUTES.session, { method: 'DELETE' })).status, 204);
    // Same session: logging out with the new token ends the old one too.
    assert.equal((await session.request(ROUTES.sessionRefresh, { method: 'POST' })).status, 401);
  });
});
