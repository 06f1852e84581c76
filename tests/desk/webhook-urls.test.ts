import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { apiPath } from '../../contract/routes.ts';
import type { WebhookSubscription, WebhookSubscriptionCreated } from '../../contract/desk-types.ts';
import { webhookDeliveries } from '../../edge/db/schema.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import { nodeResolver } from '../../edge/node/resolver.ts';
import { nodeWebhookFetch, type AllAddressesLookup } from '../../edge/node/webhook-fetch.ts';
import type { TestPortal } from '../support/app.ts';
import { DEMO_LOGIN } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, Receiver, startDesk } from './support.ts';

/**
 * Outside development. Name resolution is the system's (Node's resolver port), except where a
 * test stands in for a DNS server that changes its answer (rebinding).
 */
let portal: TestPortal;
let desk: DeskClient;
let dnsAnswer: string[] | null = null;
before(async () => {
  ({ portal, desk } = await startDesk({ ENVIRONMENT: 'production' }));
  portal.ports.resolveHost = (host) =>
    host.endsWith('.rebind.test') && dnsAnswer ? Promise.resolve(dnsAnswer) : nodeResolver(host);
});
after(() => portal.close());

/** Forms the hand-written checks missed (as URL hosts: IPv6 in brackets). */
const EMBEDDED_AND_RESERVED = [
  '[::ffff:0:7f00:1]', // IPv4-translated 127.0.0.1 (RFC 6145)
  '[::ffff:0:a00:1]', // IPv4-translated 10.0.0.1
  '[2002:7f00:1::]', // 6to4 of 127.0.0.1
  '[2002:a9fe:a9fe::1]', // 6to4 of 169.254.169.254
  '[2001::1]', // Teredo
  '[2001:0:4136:e378:8000:63bf:3fff:fdd2]', // Teredo
  '[64:ff9b::7f00:1]', // NAT64 of 127.0.0.1
  '[64:ff9b::a9fe:a9fe]', // NAT64 of 169.254.169.254
  '[64:ff9b:1::a00:1]', // NAT64, local-use prefix
  '[::7f00:1]', // IPv4-compatible 127.0.0.1
  '[2001:db8::1]', // documentation
  '192.0.2.10', // TEST-NET-1
  '198.51.100.7', // TEST-NET-2
  '203.0.113.7', // TEST-NET-3
  '198.18.0.1', // benchmarking
  '198.19.255.254',
  '255.255.255.255',
];

const subscribe = (body: unknown) => desk.send('POST', DESK_ROUTES.webhooks, body);

async function assertRefused(url: string) {
  const response = await subscribe({ url });
  assert.equal(response.status, 400, url);
  const body = await response.json();
  assert.equal(body.error.code, 'validation_failed');
  assert.deepEqual(body.error.fields, { url: 'not_allowed' }, url);
}

describe('webhook URLs outside development (SSRF)', () => {
  test('loopback, metadata, private, link-local, unique-local and unspecified: refused', async () => {
    for (const url of [
      'http://127.0.0.1/hooks',
      'http://127.1.2.3:8080/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://172.16.4.4/',
      'http://192.168.1.10/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::]/',
      'http://[fd00::1]/',
      'http://[fc00::abcd]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://localhost/',
      'http://LOCALHOST.:3000/',
      'http://api.localhost/',
    ]) {
      await assertRefused(url);
    }
  });

  test('IPv6 forms that embed IPv4 or private ranges, and reserved IPv4 ranges: refused', async () => {
    for (const address of EMBEDDED_AND_RESERVED) await assertRefused(`http://${address}/hooks`);
    // A public IPv4 address behind the NAT64 prefix (what DNS64 answers) is public.
    dnsAnswer = ['64:ff9b::5db8:d70e'];
    assert.equal((await subscribe({ url: 'https://nat64.rebind.test/' })).status, 201);
  });

  test('names are checked after resolution', async () => {
    // `vm` is in this machine's hosts file as 127.0.0.1, like any name pointed inside.
    const addresses = await nodeResolver('vm');
    assert.ok(addresses.includes('127.0.0.1'));
    await assertRefused('http://vm/hooks');
    await assertRefused('https://does-not-resolve.invalid/hooks');
  });

  test('not http(s), with credentials, or not a URL: refused on the field', async () => {
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'hooks',
    ]) {
      const response = await subscribe({ url });
      assert.equal(response.status, 400, url);
      assert.ok((await response.json()).error.fields.url, url);
    }
    dnsAnswer = ['93.184.215.14'];
    await assertRefused('https://user:secret@hooks.rebind.test/');
  });

  test('a public address is accepted; the secret is shown once', async () => {
    dnsAnswer = ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'];
    const response = await subscribe({
      url: 'https://hooks.rebind.test/portal',
      events: ['ticket.created'],
    });
    assert.equal(response.status, 201);
    const created = (await response.json()) as WebhookSubscriptionCreated;
    assert.match(created.secret, /^whsec_/);
    const list = await desk.json<WebhookSubscription[]>('GET', DESK_ROUTES.webhooks);
    const listed = list.find((item) => item.id === created.id)!;
    assert.deepEqual(listed.events, ['ticket.created']);
    assert.equal('secret' in listed, false);
  });

  test('bad subscription bodies', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'https://hooks.rebind.test/', events: ['ticket.deleted'] }, 'events.0'],
      [{ url: 'https://hooks.rebind.test/', events: [] }, 'events'],
      [{ url: 'https://hooks.rebind.test/', secret: 'short' }, 'secret'],
      [{ url: 'https://hooks.rebind.test/', active: false }, 'active'],
      [{}, 'url'],
    ];
    for (const [body, field] of cases) {
      const response = await subscribe(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.ok(field in (await response.json()).error.fields, JSON.stringify(body));
    }
  });

  test('a name re-pointed at loopback after subscribing (DNS rebinding) gets nothing', async () => {
    const hooks = await Receiver.reserve();
    await hooks.up();
    try {
      dnsAnswer = ['93.184.215.14'];
      const created = (await (
        await subscribe({ url: `http://evil.rebind.test:${hooks.port}/hooks` })
      ).json()) as WebhookSubscriptionCreated;
      dnsAnswer = ['127.0.0.1'];
      const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
      await session.newTicket();
      await runScheduledJob(portal.ports);
      assert.equal(hooks.received.length, 0);
      const [row] = await portal.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.subscriptionId, created.id));
      assert.equal(row!.status, 'pending');
      assert.match(row!.lastError!, /^refused: /);
    } finally {
      await hooks.down();
    }
  });

  test('at delivery, a name now resolving to any of those forms gets nothing', async () => {
    dnsAnswer = ['93.184.215.14'];
    const created = (await (
      await subscribe({ url: 'http://forms.rebind.test/hooks', events: ['ticket.created'] })
    ).json()) as WebhookSubscriptionCreated;
    const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
    for (const address of EMBEDDED_AND_RESERVED) {
      dnsAnswer = [address.replace(/^\[|\]$/g, '')];
      await session.newTicket();
      await runScheduledJob(portal.ports);
      const rows = await portal.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.subscriptionId, created.id));
      assert.ok(rows.length > 0 && rows.every((row) => row.status === 'pending'), address);
      assert.ok(
        rows.every((row) => /^refused: /.test(row.lastError ?? '')),
        `${address}: ${rows.map((row) => row.lastError).join(', ')}`,
      );
    }
  });

  describe('a name re-pointed between the check and the connection (DNS rebinding)', () => {
    /** A DNS server that answers 127.0.0.1 when the connection asks, after a public answer. */
    const connectionSees: AllAddressesLookup = (hostname, _options, callback) =>
      hostname.endsWith('.rebind.test')
        ? callback(null, [{ address: '127.0.0.1', family: 4 }])
        : callback(
            Object.assign(new Error(`no test answer for ${hostname}`), { code: 'ENOTFOUND' }),
            [],
          );

    async function deliverThroughRebinding(development: boolean) {
      const hooks = await Receiver.reserve();
      await hooks.up();
      portal.ports.webhookFetch = nodeWebhookFetch({ development, lookup: connectionSees });
      try {
        dnsAnswer = ['93.184.215.14'];
        const created = (await (
          await subscribe({ url: `http://late.rebind.test:${hooks.port}/hooks` })
        ).json()) as WebhookSubscriptionCreated;
        const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
        await session.newTicket();
        await runScheduledJob(portal.ports);
        const [row] = await portal.db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.subscriptionId, created.id));
        await desk.send('DELETE', apiPath(DESK_ROUTES.webhook, { id: created.id }));
        // Only this subscription's: an earlier test's may aim at a port reused here.
        const ours = hooks.received.filter((hook) => hook.headers.host?.startsWith('late.'));
        return { received: ours.length, row: row! };
      } finally {
        delete portal.ports.webhookFetch;
        await hooks.down();
      }
    }

    test('the URL check passes, the connection is refused: the receiver gets nothing', async () => {
      const { received, row } = await deliverThroughRebinding(false);
      assert.equal(received, 0);
      assert.equal(row.status, 'pending');
      assert.match(
        row.lastError!,
        /^network error: late\.rebind\.test resolves to a private or local address/,
      );
    });

    test('control: the connection really goes where that lookup says (allowed in development)', async () => {
      const { received, row } = await deliverThroughRebinding(true);
      assert.equal(received, 1);
      assert.equal(row.status, 'delivered');
    });
  });
});
