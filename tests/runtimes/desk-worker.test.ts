/**
 * The desk's side against the Worker itself: `wrangler dev` (workerd) over a real sqld, the desk
 * API behind an integration key, and the scheduled handler run through wrangler's
 * `/__scheduled` test endpoint: it auto-accepts an aged solution and delivers signed webhooks
 * to a real receiver on loopback. Reuses the runtimes helper's setup modules.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type {
  DeskTicketDetails,
  DeskTicketPage,
  WebhookSubscriptionCreated,
} from '../../contract/desk-types.ts';
import { WEBHOOK_HEADERS, type WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import { verifySignature } from '../../edge/webhooks/signature.ts';
import { DeskClient, Receiver } from '../desk/support.ts';
import { logIn, type HttpCustomer } from './support/http-customer.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const DAY = 86_400_000;

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let hooks: Receiver;
let customer: HttpCustomer;
let desk: DeskClient;

before(
  async () => {
    sqld = await startSqld();
    const login = await sqld.createCustomer('Rita', WORKERS_PBKDF2_MAX_ITERATIONS);
    const { key } = await createIntegrationKey(sqld.db, 'Worker test', new Date());
    worker = await startWranglerDev({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      // Lets webhooks reach the receiver on loopback; production refuses such URLs.
      ENVIRONMENT: 'development',
      WEBHOOK_TIMEOUT_MS: '5000',
    });
    customer = await logIn(worker.url, login);
    desk = new DeskClient(
      { request: (path, init) => fetch(new URL(path, worker!.url), init) },
      key,
    );
    hooks = await Receiver.reserve();
    await hooks.up();
  },
  { timeout: 120_000 },
);

after(async () => {
  await Promise.allSettled([hooks?.down(), worker?.stop(), sqld?.stop()]);
});

/** Runs the Worker's scheduled handler as the Cron Trigger would. */
async function cron() {
  const response = await fetch(new URL('/__scheduled?cron=*+*+*+*+*', worker!.url));
  assert.equal(response.status, 200);
  await response.body?.cancel();
}

/** Waits (boundedly) until the receiver holds `count` requests. */
async function received(count: number) {
  for (let round = 0; round < 100 && hooks.received.length < count; round++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return hooks.received;
}

describe('the desk on the Worker under wrangler dev, with sqld', () => {
  let secret: string;
  let number: number;

  test('keys and tokens never open the other API', async () => {
    assert.equal((await customer.request(DESK_ROUTES.tickets)).status, 401);
    assert.equal((await desk.get(ROUTES.me)).status, 401);
    assert.equal((await fetch(new URL(DESK_ROUTES.tickets, worker!.url))).status, 401);
  });

  test('subscribes a webhook and reads the customer’s new ticket', async () => {
    const subscription = await desk.json<WebhookSubscriptionCreated>(
      'POST',
      DESK_ROUTES.webhooks,
      { url: hooks.url },
      201,
    );
    secret = subscription.secret;
    const created = await customer.createTicket({ description: 'VPN drops' });
    assert.equal(created.status, 201);
    number = ((await created.json()) as TicketDetails).number;
    const info = await customer.postJson(apiPath(ROUTES.information, { number }), {
      text: 'Since Monday',
    });
    assert.equal(info.status, 200);

    const page = await desk.json<DeskTicketPage>('GET', `${DESK_ROUTES.tickets}?status=new`);
    assert.deepEqual(
      page.items.map((item) => item.number),
      [number],
    );
    const details = await desk.json<DeskTicketDetails>(
      'GET',
      apiPath(DESK_ROUTES.ticket, { number }),
    );
    assert.equal(details.customer.name, 'Rita');
  });

  test('moves the ticket: a legal move applies, an illegal one is 409', async () => {
    const started = await desk.send('POST', apiPath(DESK_ROUTES.status, { number }), {
      status: 'in_progress',
    });
    assert.equal(started.status, 200);
    const illegal = await desk.send('POST', apiPath(DESK_ROUTES.status, { number }), {
      status: 'new',
    });
    assert.equal(illegal.status, 409);
    assert.equal((await illegal.json()).error.code, 'wrong_state');
  });

  test('the scheduled handler delivers signed webhooks in order', async () => {
    await cron();
    const hooksSeen = await received(2);
    assert.deepEqual(
      hooksSeen.map((hook) => (JSON.parse(hook.body) as WebhookPayload).type),
      ['ticket.created', 'ticket.information_added'],
    );
    for (const hook of hooksSeen) {
      const header = hook.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string;
      assert.ok(await verifySignature(header, secret, hook.body, Date.now() / 1000));
    }
  });

  test('the scheduled handler auto-accepts an aged solution and says so', async () => {
    // The desk proposed it eight days ago (written through the shared domain code).
    await sqld!.proposeSolution(number, 'Profile updated.', new Date(Date.now() - 8 * DAY));
    await cron();
    const details = await desk.json<DeskTicketDetails>(
      'GET',
      apiPath(DESK_ROUTES.ticket, { number }),
    );
    assert.equal(details.status, 'closed');
    assert.equal(details.timeline.at(-1)!.kind, 'solution_auto_accepted');
    const hooksSeen = await received(3);
    const last = JSON.parse(hooksSeen[2]!.body) as WebhookPayload;
    assert.equal(last.type, 'ticket.solution_auto_accepted');
    assert.equal(last.data.ticket.status, 'closed');
    await cron();
    assert.equal((await received(3)).length, 3, 'each event once');
  });
});
