/**
 * Rotating a webhook subscription's signing secret: the new secret signs at once, the old one
 * too (a second `v1`) for the overlap asked for, then no more; bad requests change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type {
  WebhookSecretRotated,
  WebhookSubscriptionCreated,
} from '../../contract/desk-types.ts';
import { WEBHOOK_HEADERS } from '../../contract/desk-webhooks.ts';
import { apiPath } from '../../contract/routes.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import { verifySignature } from '../../edge/webhooks/signature.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, Receiver, startDesk } from './support.ts';

const OLD_SECRET = 'whsec_the_secret_before_the_rotation';
const NEW_SECRET = 'whsec_the_secret_after_the_rotation_';
const HOUR = 3_600_000;

let portal: TestPortal;
let desk: DeskClient;
let requester: { email: string; password: string };
let hooks: Receiver;
let subscription: WebhookSubscriptionCreated;

before(async () => {
  ({ portal, desk } = await startDesk());
  requester = await portal.createCustomer({ name: 'Rita Vidal' });
  hooks = await Receiver.reserve();
  await hooks.up();
  subscription = await desk.json<WebhookSubscriptionCreated>(
    'POST',
    DESK_ROUTES.webhooks,
    { url: hooks.url, secret: OLD_SECRET, events: ['ticket.created'] },
    201,
  );
});
after(async () => {
  await hooks.down();
  portal.close();
});

const rotate = (body: unknown, id = subscription.id) =>
  desk.send('POST', apiPath(DESK_ROUTES.webhookSecret, { id }), body);

/** The signature header of the webhook a new ticket sends now (logged in anew: time moves). */
async function nextSignature(): Promise<{ header: string; body: string }> {
  const before = hooks.received.length;
  await (await logIn(portal, requester.email, requester.password)).newTicket();
  await runScheduledJob(portal.ports);
  assert.equal(hooks.received.length, before + 1);
  const hook = hooks.received.at(-1)!;
  return {
    header: hook.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string,
    body: hook.body,
  };
}

const signedWith = async ({ header, body }: { header: string; body: string }, secret: string) =>
  verifySignature(header, secret, body, Math.floor(portal.clock.now().getTime() / 1000));

describe('rotating a webhook secret', () => {
  test('the new secret signs at once, the old one too until the overlap ends, then no more', async () => {
    const response = await rotate({ secret: NEW_SECRET, overlapHours: 2 });
    assert.equal(response.status, 200);
    const rotated = (await response.json()) as WebhookSecretRotated;
    assert.equal(rotated.secret, NEW_SECRET);
    assert.equal(
      rotated.previousSecretUntil,
      new Date(portal.clock.now().getTime() + 2 * HOUR).toISOString(),
    );

    const during = await nextSignature();
    assert.match(during.header, /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    assert.ok(await signedWith(during, NEW_SECRET));
    assert.ok(await signedWith(during, OLD_SECRET));

    portal.clock.advance(2 * HOUR + 1000);
    const afterwards = await nextSignature();
    assert.match(afterwards.header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(await signedWith(afterwards, NEW_SECRET));
    assert.equal(await signedWith(afterwards, OLD_SECRET), false);
  });

  test('a secret made for the desk when none is given; an overlap of 0 drops the old one at once', async () => {
    const response = await rotate({ overlapHours: 0 });
    assert.equal(response.status, 200);
    const rotated = (await response.json()) as WebhookSecretRotated;
    assert.match(rotated.secret, /^whsec_/);
    assert.equal(rotated.previousSecretUntil, null);
    const signature = await nextSignature();
    assert.ok(await signedWith(signature, rotated.secret));
    assert.equal(await signedWith(signature, NEW_SECRET), false);
    assert.equal('secret' in (await desk.json<object[]>('GET', DESK_ROUTES.webhooks))[0]!, false);
  });

  test('a short secret, an overlap past a week, unknown fields: refused; an unknown id: 404', async () => {
    const before = await nextSignature();
    for (const [body, field] of [
      [{ secret: 'short' }, 'secret'],
      [{ overlapHours: 169 }, 'overlapHours'],
      [{ overlapHours: -1 }, 'overlapHours'],
      [{ rotate: true }, 'rotate'],
    ] as const) {
      const response = await rotate(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.ok(field in (await response.json()).error.fields, JSON.stringify(body));
    }
    const unknown = await rotate({}, 'wh_nobody');
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).error.code, 'not_found');
    const after = await nextSignature();
    assert.equal(after.header.split(',').length, before.header.split(',').length);
  });
});
