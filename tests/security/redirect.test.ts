/**
 * Open redirect through the set-password link: a `returnTo` that is not on the allowlist, in any
 * of the spellings browsers resolve to another host, is refused and no e-mail is queued.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { postJson, solvedCaptcha } from '../support/accounts.ts';
import { fingerprint } from './support.ts';

let portal: TestPortal;
before(async () => {
  portal = await startPortal();
});
after(() => portal.close());

test('//evil, /\\evil, https:evil, userinfo and look-alike hosts: refused, nothing queued', async () => {
  const customer = await portal.createCustomer();
  for (const returnTo of [
    '//evil.example/x',
    '/\\evil.example/x',
    'https:evil.example',
    'https://shop.example.com@evil.example/',
    'https://shop.example.com.evil.example/',
    'javascript:alert(1)',
    'http://shop.example.com/',
    ' https://evil.example',
  ]) {
    const before = await fingerprint(portal.client);
    const response = await postJson(portal, ROUTES.passwordForgot, {
      email: customer.email,
      captcha: await solvedCaptcha(portal),
      returnTo,
    });
    assert.equal(response.status, 400, returnTo);
    assert.deepEqual((await response.json()).error.fields, { returnTo: 'not_allowed' }, returnTo);
    const after = await fingerprint(portal.client);
    assert.equal(after.counts.mail_outbox, before.counts.mail_outbox, returnTo);
  }
});
