/**
 * The desk under `deno serve`: the desk API behind an integration key, and the job timer of
 * `edge/deno.ts` delivering a signed webhook to a receiver on loopback on its own.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { WebhookSubscriptionCreated } from '../../contract/desk-types.ts';
import { WEBHOOK_HEADERS, type WebhookPayload } from '../../contract/desk-webhooks.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import { verifySignature } from '../../edge/webhooks/signature.ts';
import { DeskClient, Receiver } from '../desk/support.ts';
import { logIn } from './support/http-customer.ts';
import { startDenoServe, type DenoServer } from './support/deno.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';

let sqld: LibsqlServer | undefined;
let deno: DenoServer | undefined;
let hooks: Receiver;

before(
  async () => {
    sqld = await startSqld();
    hooks = await Receiver.reserve();
    await hooks.up();
    deno = await startDenoServe({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      ENVIRONMENT: 'development',
      JOB_INTERVAL_SECONDS: '1',
    });
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([hooks?.down(), deno?.stop(), sqld?.stop()]);
});

test('the desk API answers under Deno, and its timer delivers the webhook', async () => {
  const { key } = await createIntegrationKey(sqld!.db, 'Deno test', new Date());
  const desk = new DeskClient(
    { request: (path, init) => fetch(new URL(path, deno!.url), init) },
    key,
  );
  const { secret } = await desk.json<WebhookSubscriptionCreated>(
    'POST',
    DESK_ROUTES.webhooks,
    { url: hooks.url, events: ['ticket.created'] },
    201,
  );
  const customer = await logIn(deno!.url, await sqld!.createCustomer('Olga', 100_000));
  assert.equal((await customer.request(DESK_ROUTES.tickets)).status, 401);
  const ticket = (await (await customer.createTicket()).json()) as TicketDetails;

  for (let round = 0; round < 150 && hooks.received.length === 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(hooks.received.length, 1);
  const [hook] = hooks.received;
  const header = hook!.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string;
  assert.ok(await verifySignature(header, secret, hook!.body, Date.now() / 1000));
  assert.equal((JSON.parse(hook!.body) as WebhookPayload).data.ticket.number, ticket.number);
});

test('outside development, a webhook URL is checked after resolving its name', async () => {
  const production = await startDenoServe({
    LIBSQL_URL: sqld!.url,
    TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    ENVIRONMENT: 'production',
  });
  try {
    const { key } = await createIntegrationKey(sqld!.db, 'Deno production', new Date());
    const desk = new DeskClient(
      { request: (path, init) => fetch(new URL(path, production.url), init) },
      key,
    );
    // `vm` names this machine (127.0.0.1) in its hosts file; the URL alone does not say so.
    for (const url of ['http://vm/hooks', 'https://does-not-resolve.invalid/hooks']) {
      const response = await desk.send('POST', DESK_ROUTES.webhooks, { url });
      assert.equal(response.status, 400, url);
      assert.deepEqual((await response.json()).error.fields, { url: 'not_allowed' }, url);
    }
  } finally {
    await production.stop();
  }
});
