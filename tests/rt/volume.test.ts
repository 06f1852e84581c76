import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { connectorDeliveries, tickets } from '../../edge/db/schema.ts';
import type { PrivateRt } from '../../edge/node/private-rt.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import {
  connectedPortal,
  rtAgent,
  type ConnectedPortal,
  type RtAgent,
  startTestRt,
} from './support.ts';

const TICKETS = 50;
const MESSAGES = 5;

let rt: PrivateRt;
let agent: RtAgent;
let portal: ConnectedPortal;
let session: CustomerSession;

before(async () => {
  rt = await startTestRt();
  agent = rtAgent(rt);
  portal = await connectedPortal(rt);
  const customer = await portal.createCustomer({ name: 'Laia Roca' });
  session = await logIn(portal, customer.email, customer.password);
});
after(async () => {
  portal?.close();
  await rt?.stop();
});

/** Syncs until the outbox is empty (each run sends a bounded number). */
async function syncAll() {
  for (let round = 0; round < 20; round++) {
    await portal.sync();
    const left = await portal.db
      .select()
      .from(connectorDeliveries)
      .where(eq(connectorDeliveries.status, 'pending'));
    if (left.length === 0) return;
    portal.clock.advance(10 * 60_000);
  }
}

test(`${TICKETS} tickets with ${MESSAGES} messages each way: the same counts and texts on both sides`, async () => {
  const numbers: number[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const { number } = await session.newTicket({ description: `Volume ticket ${i}` });
    numbers.push(number);
    for (let m = 0; m < MESSAGES; m++) {
      const response = await session.json(apiPath(ROUTES.information, { number }), 'POST', {
        text: `Customer ${m} on ${number}`,
      });
      assert.equal(response.status, 200);
    }
  }
  await syncAll();

  const rtIds = new Map<number, string>();
  for (const number of numbers) {
    const [row] = await portal.db.select().from(tickets).where(eq(tickets.number, number));
    const rtId = await agent.ticketOf(row!.id);
    assert.ok(rtId, `ticket ${number} is in RT`);
    rtIds.set(number, rtId);
    const messages = await agent.messages(rtId);
    assert.equal(messages[0]!.text.trim(), `Volume ticket ${numbers.indexOf(number)}`);
    assert.deepEqual(
      messages.filter((m) => m.type === 'Correspond').map((m) => m.text.split('\n').at(-1)),
      Array.from({ length: MESSAGES }, (_, m) => `Customer ${m} on ${number}`),
    );
  }

  for (const number of numbers) {
    for (let m = 0; m < MESSAGES; m++)
      await agent.correspond(rtIds.get(number)!, `Agent ${m} on ${number}`);
  }
  await portal.sync();
  await portal.sync();

  for (const number of numbers) {
    const details = (await (await session.ticket(number)).json()) as TicketDetails;
    assert.deepEqual(
      details.timeline
        .filter((event) => event.kind === 'public_comment')
        .map((event) => event.text?.trim()),
      Array.from({ length: MESSAGES }, (_, m) => `Agent ${m} on ${number}`),
    );
  }
});
