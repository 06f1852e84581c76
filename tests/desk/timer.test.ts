import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { WebhookPayload } from '../../contract/desk-webhooks.ts';
import { startJobTimer } from '../../edge/jobs/scheduled.ts';
import type { TestPortal } from '../support/app.ts';
import { DEMO_LOGIN } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, Receiver, startDesk } from './support.ts';

/** Node and Deno run the scheduled job from a timer, as `edge/node.ts` starts it. */
let portal: TestPortal;
let desk: DeskClient;
let hooks: Receiver;
before(async () => {
  ({ portal, desk } = await startDesk());
  hooks = await Receiver.reserve();
  await hooks.up();
});
after(async () => {
  await hooks.down();
  portal.close();
});

test('the timer delivers a new event without anyone asking', async () => {
  await desk.json(
    'POST',
    DESK_ROUTES.webhooks,
    { url: hooks.url, events: ['ticket.created'] },
    201,
  );
  const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
  const ticket = await session.newTicket();
  const stop = startJobTimer(portal.ports, 1);
  try {
    for (let round = 0; round < 100 && hooks.received.length === 0; round++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    stop();
  }
  assert.equal(hooks.received.length, 1);
  const payload = JSON.parse(hooks.received[0]!.body) as WebhookPayload;
  assert.equal(payload.data.ticket.number, ticket.number);
});
