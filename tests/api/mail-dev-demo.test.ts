import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import { DEMO_PARTNER_USER } from '../../edge/demo/demo-data.ts';
import { queueMail, renderMail } from '../../edge/mail/index.ts';
import { devOutboxApp } from '../../edge/demo/dev-outbox.ts';
import {
  demoPartnerConfig,
  demoPartnerKey,
  partnerTokenApp,
} from '../../edge/node/partner-demo.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

let portal: TestPortal;
let dataDir: string;
let keys: Awaited<ReturnType<typeof demoPartnerKey>>;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portal-partner-'));
  keys = await demoPartnerKey(dataDir);
  portal = await startPortal({ PARTNERS: JSON.stringify([demoPartnerConfig(keys.publicJwk)]) });
});
after(() => {
  portal.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('development: the outbox and the partner demo', () => {
  test('GET /dev/outbox lists e-mails newest first with to, subject, text, html, link, status', async () => {
    const link = 'http://localhost:8787/#sp/ticket/1002';
    const first = renderMail('ticket-closed', 'en', { name: 'Ana', number: 1002, link });
    await queueMail(portal.db, { to: 'a@example.com', ...first }, { at: portal.clock.now() });
    portal.clock.advance(1000);
    const second = renderMail('password-changed', 'es', { name: 'Ana' });
    await queueMail(portal.db, { to: 'b@example.com', ...second }, { at: portal.clock.now() });
    const response = await devOutboxApp(() => portal.db).request('/dev/outbox');
    assert.equal(response.status, 200);
    const rows = (await response.json()) as Record<string, unknown>[];
    assert.deepEqual(
      rows.map((row) => [row.to, row.subject, row.status, row.link]),
      [
        ['b@example.com', second.subject, 'queued', null],
        ['a@example.com', first.subject, 'queued', link],
      ],
    );
    assert.equal(rows[1]!.html, first.html);
    assert.equal(rows[1]!.text, first.text);
  });

  test('the product app has no /dev/outbox', async () => {
    assert.equal((await portal.request('/dev/outbox')).status, 404);
  });

  test('the demo key is made once, kept private, and its tokens log the demo user in', async () => {
    assert.equal(statSync(join(dataDir, 'partner-demo-key.json')).mode & 0o077, 0);
    assert.deepEqual((await demoPartnerKey(dataDir)).publicJwk, keys.publicJwk);
    assert.equal('d' in keys.publicJwk, false);
    const { token } = (await (
      await partnerTokenApp(keys.privateJwk).request('/dev/partner-token')
    ).json()) as { token: string };
    // The token is signed at the real time: the test portal's clock moves there.
    portal.clock.advance(Date.now() - portal.clock.now().getTime());
    const again = await portal.request(ROUTES.partnerSession, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assert.equal(again.status, 201);
    const session = (await again.json()) as { customer: { email: string } };
    assert.equal(session.customer.email, DEMO_PARTNER_USER.email);
  });
});
