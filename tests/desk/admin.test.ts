import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../../edge/app.ts';
import { loadConfig } from '../../edge/config.ts';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type {
  DeskTicketDetails,
  DeskTicketPage,
  WebhookSubscription,
} from '../../contract/desk-types.ts';
import { WEBHOOK_HEADERS, type WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { SessionCreated } from '../../contract/types.ts';
import { DEMO_LOGIN, DEMO_PARTNER_USER, loadDemoData } from '../../edge/demo/demo-data.ts';
import * as schema from '../../edge/db/schema.ts';
import { consoleMailer } from '../../edge/mail/console-mailer.ts';
import { diskStore } from '../../edge/node/disk-store.ts';
import { applyMigrations } from '../../edge/node/migrate.ts';
import { systemClock, type Ports } from '../../edge/ports.ts';
import { verifySignature } from '../../edge/webhooks/signature.ts';
import { demoCategories } from '../support/app.ts';
import { admin as runAdmin } from '../support/admin.ts';
import { DeskClient, Receiver } from './support.ts';

/**
 * The demo played from both sides, as the README tells a new user to: the admin command (run
 * in-process on the same database; tests/api/admin.test.ts starts it as its own process once)
 * plays the desk; the app serves the customer.
 */
const dir = mkdtempSync(join(tmpdir(), 'portal-desk-admin-'));
const client = createClient({ url: `file:${join(dir, 'portal.db')}` });
const ports: Ports = {
  db: drizzle(client, { schema }),
  store: diskStore(join(dir, 'attachments')),
  mailer: consoleMailer(() => {}),
  clock: systemClock,
  config: loadConfig({
    ENVIRONMENT: 'development',
    TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    PBKDF2_ITERATIONS: '10000',
  }),
};
const app = createApp(ports);
const hooks = await Receiver.reserve();

before(async () => {
  await applyMigrations(ports.db);
  await loadDemoData(ports.db, demoCategories, 10_000, systemClock.now());
  await hooks.up();
});
after(async () => {
  await hooks.down();
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = (...args: string[]) => runAdmin(ports, ...args);

describe('npm run admin plays the desk', () => {
  let desk: DeskClient;
  let secret: string;

  test('key:create prints a key that opens /api/desk once', async () => {
    const created = await admin('key:create', '--name', 'Demo desk');
    assert.equal(created.code, 0, created.stderr);
    const key = /^(spk_\S+)$/m.exec(created.stdout)?.[1];
    assert.ok(key, created.stdout);
    desk = new DeskClient(app, key);
    const page = await desk.json<DeskTicketPage>(
      'GET',
      `${DESK_ROUTES.tickets}?status=in_progress`,
    );
    assert.deepEqual(
      page.items.map((item) => [item.number, item.customer.email]),
      [
        [1005, DEMO_PARTNER_USER.email],
        [1003, DEMO_LOGIN.email],
      ],
    );
    const listed = await admin('key:list');
    assert.match(listed.stdout, /Demo desk/);
    assert.ok(!listed.stdout.includes(key), 'the key is never shown again');
  });

  test('webhook:add subscribes a URL and prints its secret', async () => {
    const added = await admin(
      'webhook:add',
      '--url',
      hooks.url,
      '--events',
      'ticket.solution_accepted',
    );
    assert.equal(added.code, 0, added.stderr);
    secret = /Signing secret: (\S+)/.exec(added.stdout)![1]!;
    assert.match((await admin('webhook:list')).stdout, new RegExp(hooks.url));
    const refused = await admin('webhook:add', '--url', 'ftp://example.com/');
    assert.equal(refused.code, 1);
  });

  test('webhook:rotate prints the new secret and until when the old one signs', async () => {
    const [subscription] = await desk.json<WebhookSubscription[]>('GET', DESK_ROUTES.webhooks);
    const rotated = await admin('webhook:rotate', subscription!.id, '--overlap-hours', '0');
    assert.equal(rotated.code, 0, rotated.stderr);
    const fresh = /Signing secret: (\S+)/.exec(rotated.stdout)![1]!;
    assert.notEqual(fresh, secret);
    assert.match(rotated.stdout, /The previous secret no longer signs/);
    secret = fresh;
    const unknown = await admin('webhook:rotate', 'wh_nobody');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /not_found/);
  });

  test('ticket:comment and ticket:solve; an illegal move is refused', async () => {
    assert.equal((await admin('ticket:comment', '1003', '--text', 'Looking into it')).code, 0);
    const solved = await admin('ticket:solve', '1003', '--solution', 'VPN profile updated.');
    assert.equal(solved.code, 0, solved.stderr);
    const illegal = await admin('ticket:status', '1003', 'in_progress');
    assert.equal(illegal.code, 1);
    assert.match(illegal.stderr, /wrong_state/);
    const missing = await admin('ticket:solve', '999999', '--solution', 'x');
    assert.match(missing.stderr, /not_found/);
    const details = await desk.json<DeskTicketDetails>(
      'GET',
      apiPath(DESK_ROUTES.ticket, { number: 1003 }),
    );
    assert.equal(details.status, 'resolved');
    assert.deepEqual(
      details.timeline.slice(-2).map((event) => [event.kind, event.text]),
      [
        ['public_comment', 'Looking into it'],
        ['solution_proposed', 'VPN profile updated.'],
      ],
    );
  });

  test('the customer accepts; jobs:run delivers the signed webhook', async () => {
    const login = await app.request(ROUTES.session, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_LOGIN),
    });
    const { token } = (await login.json()) as SessionCreated;
    const accepted = await app.request(apiPath(ROUTES.accept, { number: 1003 }), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(accepted.status, 200);

    const run = await admin('jobs:run');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).delivered, 1);
    assert.equal(hooks.received.length, 1);
    const [hook] = hooks.received;
    const header = hook!.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string;
    assert.ok(await verifySignature(header, secret, hook!.body, Date.now() / 1000));
    const payload = JSON.parse(hook!.body) as WebhookPayload;
    assert.equal(payload.type, 'ticket.solution_accepted');
    assert.equal(payload.data.ticket.number, 1003);
    assert.equal(payload.data.ticket.status, 'closed');
    assert.equal(JSON.parse((await admin('jobs:run')).stdout).delivered, 0, 'once');
  });

  test('key:revoke ends the key', async () => {
    const revoked = await admin('key:revoke', desk.key.slice(0, 12));
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((await desk.get(DESK_ROUTES.tickets)).status, 401);
    assert.equal((await admin('key:revoke', desk.key.slice(0, 12))).code, 1);
  });
});
