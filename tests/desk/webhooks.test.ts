import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { WebhookDelivery, WebhookSubscriptionCreated } from '../../contract/desk-types.ts';
import { WEBHOOK_HEADERS, type WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { webhookDeliveries } from '../../edge/db/schema.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import { verifySignature } from '../../edge/webhooks/signature.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PDF } from '../support/files.ts';
import { DeskClient, Receiver, restart, startDesk, type ReceivedHook } from './support.ts';

const SECRET = 'whsec_test_secret_that_is_long_enough';
const BACKOFF_SECONDS = 10;
const MAX_ATTEMPTS = 4;

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
const receivers: Receiver[] = [];
const subscriptions: string[] = [];

before(async () => {
  ({ portal, desk } = await startDesk({
    WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    WEBHOOK_BACKOFF_SECONDS: String(BACKOFF_SECONDS),
  }));
  const created = await portal.createCustomer({ name: 'Iris Soler', organization: 'Soler SL' });
  customer = await logIn(portal, created.email, created.password);
});
afterEach(async () => {
  for (const id of subscriptions.splice(0)) {
    await desk.send('DELETE', apiPath(DESK_ROUTES.webhook, { id }));
  }
  await Promise.all(receivers.splice(0).map((receiver) => receiver.down()));
});
after(() => portal.close());

async function receiver(): Promise<Receiver> {
  const made = await Receiver.reserve();
  receivers.push(made);
  return made;
}

async function subscribe(url: string, events?: string[]) {
  const created = await desk.json<WebhookSubscriptionCreated>(
    'POST',
    DESK_ROUTES.webhooks,
    { url, secret: SECRET, ...(events && { events }) },
    201,
  );
  subscriptions.push(created.id);
  return created;
}

const deliveriesOf = (subscriptionId: string) =>
  portal.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(webhookDeliveries.seq);

const nowSeconds = () => Math.floor(portal.clock.now().getTime() / 1000);

async function assertSigned(hook: ReceivedHook) {
  const header = hook.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string;
  assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.ok(await verifySignature(header, SECRET, hook.body, nowSeconds()), 'valid signature');
  assert.equal(await verifySignature(header, 'another secret', hook.body, nowSeconds()), false);
  assert.equal(await verifySignature(header, SECRET, hook.body + ' ', nowSeconds()), false);
  assert.equal(
    await verifySignature(header, SECRET, hook.body, nowSeconds() + 301),
    false,
    'too old to be replayed',
  );
}

const header = (hook: ReceivedHook, name: string) => hook.headers[name.toLowerCase()] as string;
const payloadOf = (hook: ReceivedHook) => JSON.parse(hook.body) as WebhookPayload;

describe('webhook delivery', () => {
  test('receiver down, a restart, then up: every event once, signed, in order per ticket', async () => {
    const hooks = await receiver();
    const subscription = await subscribe(hooks.url);

    // Ticket A: created, information, a rejected solution, an accepted one.
    const a = await customer.newTicket({ description: 'A' });
    await customer.json(apiPath(ROUTES.information, { number: a.number }), 'POST', { text: 'A1' });
    // Ticket B: created with a file, then a second file.
    const created = await customer.createTicket(
      { description: 'B' },
      { name: 'b.pdf', bytes: PDF, type: 'application/pdf' },
    );
    const b = (await created.json()) as TicketDetails;
    const attach = new FormData();
    attach.set('file', new File([PDF], 'b2.pdf', { type: 'application/pdf' }));
    await customer.request(apiPath(ROUTES.attachments, { number: b.number }), {
      method: 'POST',
      body: attach,
    });
    for (const [answer, body] of [
      ['reject', { reason: 'Still broken' }],
      ['accept', undefined],
    ] as const) {
      await desk.json('POST', apiPath(DESK_ROUTES.solution, { number: a.number }), {
        solution: `Try ${answer}`,
      });
      const answered = await customer.json(
        apiPath(answer === 'reject' ? ROUTES.reject : ROUTES.accept, { number: a.number }),
        'POST',
        body ?? {},
      );
      assert.equal(answered.status, 200);
    }
    // A move that does not apply writes no webhook.
    const refused = await customer.json(apiPath(ROUTES.accept, { number: b.number }), 'POST', {});
    assert.equal(refused.status, 409);

    const outbox = await deliveriesOf(subscription.id);
    assert.equal(outbox.length, 7);

    // Down: only the first event of each ticket is tried; the rest wait behind it.
    // The customer's notification e-mails are counted apart, in `mail`.
    const { mail: _mail, ...down } = await runScheduledJob(portal.ports);
    assert.deepEqual(down, { autoAccepted: 0, delivered: 0, retrying: 2, dead: 0 });
    const afterDown = await deliveriesOf(subscription.id);
    assert.deepEqual(
      afterDown.map((row) => row.attempts),
      afterDown.map((row) => (row.eventType === 'ticket.created' ? 1 : 0)),
    );
    assert.ok(afterDown.every((row) => row.status === 'pending'));
    assert.match(afterDown[0]!.lastError!, /network error/);

    // Not due yet: nothing is tried before its backoff ends.
    assert.equal((await runScheduledJob(portal.ports)).retrying, 0);

    // A restart: new ports and app over the same database file; still down.
    const first = restart(portal);
    portal.clock.advance(BACKOFF_SECONDS * 1000);
    assert.equal((await runScheduledJob(first.ports)).retrying, 2);
    first.client.close();

    // Another restart, and the receiver is up.
    await hooks.up();
    const second = restart(portal);
    portal.clock.advance(2 * BACKOFF_SECONDS * 1000);
    const { mail: _upMail, ...up } = await runScheduledJob(second.ports);
    assert.deepEqual(up, { autoAccepted: 0, delivered: 7, retrying: 0, dead: 0 });
    assert.deepEqual(await runScheduledJob(second.ports), {
      autoAccepted: 0,
      delivered: 0,
      retrying: 0,
      dead: 0,
      mail: { sent: 0, retrying: 0, dead: 0 },
    });
    second.client.close();

    assert.equal(hooks.received.length, 7, 'each exactly once');
    const deliveryIds = hooks.received.map((hook) => header(hook, WEBHOOK_HEADERS.deliveryId));
    assert.equal(new Set(deliveryIds).size, 7);
    assert.deepEqual(new Set(deliveryIds), new Set(outbox.map((row) => row.id)));
    for (const hook of hooks.received) {
      await assertSigned(hook);
      const payload = payloadOf(hook);
      assert.equal(header(hook, WEBHOOK_HEADERS.eventId), payload.id);
      assert.equal(header(hook, WEBHOOK_HEADERS.eventType), payload.type);
      assert.equal(hook.headers['content-type'], 'application/json');
    }

    const typesOf = (number: number) =>
      hooks.received
        .map(payloadOf)
        .filter((payload) => payload.data.ticket.number === number)
        .map((payload) => payload.type);
    assert.deepEqual(typesOf(a.number), [
      'ticket.created',
      'ticket.information_added',
      'ticket.solution_rejected',
      'ticket.solution_accepted',
    ]);
    assert.deepEqual(typesOf(b.number), [
      'ticket.created',
      'ticket.attachment_added',
      'ticket.attachment_added',
    ]);

    // The payload says what happened, as the timeline does, with the same event ids.
    const timeline = (await desk.json('GET', apiPath(DESK_ROUTES.ticket, { number: a.number })))
      .timeline as TicketDetails['timeline'];
    const rejected = hooks.received
      .map(payloadOf)
      .find((p) => p.type === 'ticket.solution_rejected')!;
    assert.equal(rejected.data.event.text, 'Still broken');
    assert.equal(rejected.data.ticket.status, 'in_progress');
    assert.deepEqual(rejected.data.ticket.customer.name, 'Iris Soler');
    assert.ok(
      timeline.some((event) => event.id === rejected.id && event.kind === 'solution_rejected'),
    );
    const attached = hooks.received
      .map(payloadOf)
      .filter((p) => p.type === 'ticket.attachment_added');
    assert.deepEqual(
      attached.map((p) => p.data.event.text),
      ['b.pdf', 'b2.pdf'],
    );
  });

  test('a failing endpoint is retried with growing waits, then marked dead', async () => {
    const hooks = await receiver();
    hooks.respond = () => 500;
    await hooks.up();
    const subscription = await subscribe(hooks.url, ['ticket.information_added']);
    const ticket = await customer.newTicket();
    await customer.json(apiPath(ROUTES.information, { number: ticket.number }), 'POST', {
      text: '1',
    });
    await customer.json(apiPath(ROUTES.information, { number: ticket.number }), 'POST', {
      text: '2',
    });

    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await runScheduledJob(portal.ports);
      const [row] = await deliveriesOf(subscription.id);
      assert.equal(row!.attempts, attempt);
      waits.push(row!.nextAttemptAt.getTime() - portal.clock.now().getTime());
      portal.clock.advance(row!.nextAttemptAt.getTime() - portal.clock.now().getTime());
    }
    assert.deepEqual(
      waits.slice(0, 3),
      [1, 2, 4].map((factor) => factor * BACKOFF_SECONDS * 1000),
    );
    const [dead, next] = await deliveriesOf(subscription.id);
    assert.equal(dead!.status, 'dead');
    assert.equal(dead!.lastError, 'HTTP 500');
    const tries = hooks.received.filter((hook) => payloadOf(hook).data.event.text === '1');
    assert.equal(tries.length, MAX_ATTEMPTS);
    assert.equal(new Set(tries.map((hook) => header(hook, WEBHOOK_HEADERS.deliveryId))).size, 1);
    assert.equal(new Set(tries.map((hook) => header(hook, WEBHOOK_HEADERS.eventId))).size, 1);
    // A dead event does not hold back the ticket's next one.
    assert.equal(next!.attempts, 1);

    hooks.respond = () => 200;
    portal.clock.advance(BACKOFF_SECONDS * 1000);
    await runScheduledJob(portal.ports);
    assert.equal((await deliveriesOf(subscription.id))[1]!.status, 'delivered');
    assert.equal((await deliveriesOf(subscription.id))[0]!.status, 'dead', 'dead stays dead');
  });

  test('a dead delivery is listed with its error, and can be sent again', async () => {
    const hooks = await receiver();
    hooks.respond = () => 503;
    await hooks.up();
    const subscription = await subscribe(hooks.url, ['ticket.created']);
    await customer.newTicket();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await runScheduledJob(portal.ports);
      portal.clock.advance(BACKOFF_SECONDS * 1000 * 2 ** attempt);
    }
    const deliveries = apiPath(DESK_ROUTES.deliveries, { id: subscription.id });
    const [dead] = await desk.json<WebhookDelivery[]>('GET', `${deliveries}?status=dead`);
    assert.equal(dead!.type, 'ticket.created');
    assert.equal(dead!.attempts, MAX_ATTEMPTS);
    assert.equal(dead!.lastError, 'HTTP 503');
    const retry = (deliveryId: string) =>
      desk.send('POST', apiPath(DESK_ROUTES.redeliver, { id: subscription.id, deliveryId }));

    hooks.respond = () => 200;
    const revived = await retry(dead!.id);
    assert.equal(revived.status, 200);
    assert.equal(((await revived.json()) as WebhookDelivery).status, 'pending');
    assert.equal((await runScheduledJob(portal.ports)).delivered, 1);
    const [delivered] = await desk.json<WebhookDelivery[]>('GET', deliveries);
    assert.equal(delivered!.status, 'delivered');
    const ids = hooks.received.map((hook) => header(hook, WEBHOOK_HEADERS.deliveryId));
    assert.deepEqual(new Set(ids), new Set([dead!.id]), 'the same delivery id throughout');

    assert.equal((await retry(dead!.id)).status, 404, 'only a dead one');
    assert.equal((await retry('nope')).status, 404);
    const unknown = await desk.send('GET', apiPath(DESK_ROUTES.deliveries, { id: 'nope' }));
    assert.equal(unknown.status, 404);
    const bad = await desk.send('GET', `${deliveries}?status=lost`);
    assert.deepEqual((await bad.json()).error.fields, { status: 'not_allowed' });
  });

  test('a redirect is never followed and counts as a failure', async () => {
    const hooks = await receiver();
    hooks.respond = (hook) => (hook.path === '/hooks' ? 302 : 200);
    await hooks.up();
    const subscription = await subscribe(hooks.url, ['ticket.created']);
    await customer.newTicket();
    await runScheduledJob(portal.ports);
    assert.deepEqual(
      hooks.received.map((hook) => hook.path),
      ['/hooks'],
    );
    const [row] = await deliveriesOf(subscription.id);
    assert.equal(row!.status, 'pending');
    assert.equal(row!.lastError, 'HTTP 302');
  });

  test('a receiver slower than the timeout is retried', async () => {
    const hooks = await receiver();
    let slow = true;
    hooks.respond = () =>
      slow ? new Promise((resolve) => setTimeout(() => resolve(204), 2000)) : 204;
    await hooks.up();
    const subscription = await subscribe(hooks.url, ['ticket.created']);
    await customer.newTicket();
    // Only here a short timeout: elsewhere a busy machine must not turn a delivery into a retry.
    const impatient = {
      ...portal.ports,
      config: { ...portal.ports.config, WEBHOOK_TIMEOUT_MS: 300 },
    };
    await runScheduledJob(impatient);
    const [timedOut] = await deliveriesOf(subscription.id);
    assert.equal(timedOut!.lastError, 'timed out');
    assert.equal(timedOut!.status, 'pending');

    slow = false;
    portal.clock.advance(BACKOFF_SECONDS * 1000);
    await runScheduledJob(portal.ports);
    assert.equal((await deliveriesOf(subscription.id))[0]!.status, 'delivered');
  });

  test('an endpoint gets only the events it chose', async () => {
    const hooks = await receiver();
    await hooks.up();
    const subscription = await subscribe(hooks.url, ['ticket.solution_rejected']);
    const ticket = await customer.newTicket();
    await customer.json(apiPath(ROUTES.information, { number: ticket.number }), 'POST', {
      text: 'x',
    });
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number: ticket.number }), {
      solution: 'Try',
    });
    await customer.json(apiPath(ROUTES.reject, { number: ticket.number }), 'POST', {
      reason: 'No',
    });
    await runScheduledJob(portal.ports);
    assert.deepEqual(
      (await deliveriesOf(subscription.id)).map((row) => row.eventType),
      ['ticket.solution_rejected'],
    );
    assert.equal(hooks.received.length, 1);
  });

  test('two answers at once: one wins, and only its webhook is written', async () => {
    const hooks = await receiver();
    const subscription = await subscribe(hooks.url, [
      'ticket.solution_accepted',
      'ticket.solution_rejected',
    ]);
    for (let round = 0; round < 5; round++) {
      const { number } = await customer.newTicket();
      await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Try' });
      const [accepted, rejected] = await Promise.all([
        customer.json(apiPath(ROUTES.accept, { number }), 'POST', {}),
        customer.json(apiPath(ROUTES.reject, { number }), 'POST', { reason: 'No' }),
      ]);
      assert.deepEqual([accepted.status, rejected.status].sort(), [200, 409]);
      const rows = (await deliveriesOf(subscription.id)).filter((row) =>
        row.payload.includes(`"number":${number},`),
      );
      assert.deepEqual(
        rows.map((row) => row.eventType),
        [accepted.status === 200 ? 'ticket.solution_accepted' : 'ticket.solution_rejected'],
      );
    }
  });

  test('removing a subscription stops its deliveries, leaving a trace', async () => {
    const hooks = await receiver();
    const subscription = await subscribe(hooks.url, ['ticket.created']);
    await customer.newTicket();
    const removed = await desk.send(
      'DELETE',
      apiPath(DESK_ROUTES.webhook, { id: subscription.id }),
    );
    assert.equal(removed.status, 204);
    subscriptions.pop();
    const [row] = await deliveriesOf(subscription.id);
    assert.equal(row!.status, 'dead');
    assert.equal(row!.lastError, 'subscription removed');
    const list = await desk.json<{ id: string }[]>('GET', DESK_ROUTES.webhooks);
    assert.ok(!list.some((item) => item.id === subscription.id));
    const again = await desk.send('DELETE', apiPath(DESK_ROUTES.webhook, { id: subscription.id }));
    assert.equal(again.status, 404);
    await customer.newTicket();
    assert.equal((await deliveriesOf(subscription.id)).length, 1, 'no new rows');
  });
});
