import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { rtConnector } from '../../edge/connectors/rt.ts';
import { syncConnector } from '../../edge/connectors/sync.ts';
import { connectorDeliveries, connectorTickets, tickets } from '../../edge/db/schema.ts';
import type { PrivateRt } from '../../edge/node/private-rt.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PNG } from '../support/files.ts';
import {
  connectedPortal,
  rtAgent,
  type ConnectedPortal,
  type RtAgent,
  startTestRt,
} from './support.ts';

let rt: PrivateRt;
let agent: RtAgent;
let portal: ConnectedPortal;
let session: CustomerSession;

before(async () => {
  rt = await startTestRt();
  agent = rtAgent(rt);
  portal = await connectedPortal(rt, { RT_BACKOFF_SECONDS: '10' });
  const customer = await portal.createCustomer({ name: 'Joan Soler' });
  session = await logIn(portal, customer.email, customer.password);
});
after(async () => {
  portal?.close();
  await rt?.stop();
});

async function ticketId(number: number): Promise<string> {
  const [row] = await portal.db.select().from(tickets).where(eq(tickets.number, number));
  return row!.id;
}

/** RT tickets that carry this portal ticket's marker. */
async function rtTicketsOf(number: number): Promise<number> {
  const query = encodeURIComponent(`'CF.{Portal ticket}' = '${await ticketId(number)}'`);
  const response = await fetch(`${rt.url}/REST/2.0/tickets?query=${query}`, {
    headers: { Authorization: rt.agentAuthorization },
  });
  return ((await response.json()) as { total: number }).total;
}

function pendingDeliveries() {
  return portal.db
    .select()
    .from(connectorDeliveries)
    .where(eq(connectorDeliveries.status, 'pending'));
}

async function comments(number: number) {
  const details = (await (await session.ticket(number)).json()) as TicketDetails;
  return details.timeline.filter((event) => event.kind === 'public_comment');
}

/**
 * A connector whose fetch loses the answer to the first request matching `lost`: RT did the
 * work, the portal saw a failure, as when a timeout or a dropped connection cuts the answer off.
 */
function losingAnswers(lost: (method: string, url: string) => boolean) {
  let armed = true;
  const config = portal.ports.config;
  return rtConnector({
    url: config.RT_URL!,
    authorization: `token ${config.RT_TOKEN}`,
    ticketField: config.RT_TICKET_FIELD,
    messageField: config.RT_MESSAGE_FIELD,
    timeoutMs: config.RT_TIMEOUT_MS,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (armed && lost(init?.method ?? 'GET', String(input))) {
        armed = false;
        await response.body?.cancel();
        throw new Error('the answer was lost');
      }
      return response;
    },
  });
}

test('a create whose answer was lost does not make a second RT ticket', async () => {
  const { number } = await session.newTicket({ description: 'Lost answer on create' });
  const flaky = losingAnswers((method, url) => method === 'POST' && url.endsWith('/ticket'));
  const first = await syncConnector(portal.ports, flaky);
  assert.equal(first.push.failed, 1);
  assert.equal(await rtTicketsOf(number), 1);
  portal.clock.advance(11_000);
  const second = await portal.sync();
  assert.equal(second.push.delivered, 1);
  assert.equal(await rtTicketsOf(number), 1);
  const [row] = await portal.db
    .select()
    .from(connectorDeliveries)
    .where(eq(connectorDeliveries.ticketId, await ticketId(number)));
  assert.equal(row!.status, 'delivered');
});

test('a message whose answer was lost is not sent twice', async () => {
  const { number } = await session.newTicket({ description: 'Lost answer on a message' });
  await portal.sync();
  const rtId = await agent.ticketOf(await ticketId(number));
  await session.json(apiPath(ROUTES.information, { number }), 'POST', {
    text: 'Only once, please',
  });
  const flaky = losingAnswers((method, url) => method === 'POST' && url.endsWith('/correspond'));
  assert.equal((await syncConnector(portal.ports, flaky)).push.failed, 1);
  portal.clock.advance(11_000);
  assert.equal((await portal.sync()).push.delivered, 1);
  const replies = (await agent.messages(rtId!)).filter((m) => m.type === 'Correspond');
  assert.deepEqual(
    replies.map((reply) => reply.text.split('\n').at(-1)),
    ['Only once, please'],
  );
});

test('RT down while tickets are made and answered: everything arrives once when it is back', async () => {
  const { number: answered } = await session.newTicket({ description: 'Made before the outage' });
  await portal.sync();
  const answeredRt = (await agent.ticketOf(await ticketId(answered)))!;

  await rt.kill();
  const during = await session.createTicket(
    { description: 'Made during the outage' },
    { name: 'screen.png', bytes: PNG, type: 'image/png' },
  );
  const { number: made } = (await during.json()) as TicketDetails;
  await session.json(apiPath(ROUTES.information, { number: answered }), 'POST', {
    text: 'Added during the outage',
  });
  const down = await portal.job();
  assert.ok(down.connector && 'error' in down.connector, 'the sync reports RT unreachable');
  const waiting = await pendingDeliveries();
  assert.ok(waiting.length >= 2, 'the messages wait in the outbox');

  await rt.restart();
  await agent.correspond(answeredRt, 'Answered once RT was back');
  // Retries wait for their backoff: nothing is sent early.
  const early = await portal.job();
  assert.ok(early.connector && !('error' in early.connector));
  assert.equal(early.connector.push.delivered, 0);
  // A slow RT just after its start may time out again: retried until the outbox is empty.
  for (let round = 0; round < 10 && (await pendingDeliveries()).length > 0; round++) {
    portal.clock.advance(10 * 60_000);
    await portal.job();
  }

  assert.equal(await rtTicketsOf(made), 1);
  const madeRt = (await agent.ticketOf(await ticketId(made)))!;
  const [create] = await agent.messages(madeRt);
  assert.deepEqual(create!.files[0]!.bytes, PNG);
  const replies = (await agent.messages(answeredRt)).filter((m) => m.type === 'Correspond');
  const texts = replies.map((reply) => reply.text.split('\n').at(-1));
  assert.deepEqual(
    texts.filter((text) => text === 'Added during the outage'),
    ['Added during the outage'],
  );
  assert.deepEqual(
    (await comments(answered)).map((comment) => comment.text?.trim()),
    ['Answered once RT was back'],
  );
  assert.deepEqual(await pendingDeliveries(), []);
});

test('a message RT refuses for good is marked dead with its reason', async () => {
  const { number } = await session.newTicket({ description: 'Will be refused' });
  await portal.sync();
  const id = await ticketId(number);
  // The RT ticket is gone (an admin shredded it): RT refuses every message to it.
  await portal.db
    .update(connectorDeliveries)
    .set({ status: 'delivered' })
    .where(eq(connectorDeliveries.ticketId, id));
  await portal.db
    .update(connectorTickets)
    .set({ externalId: '999999' })
    .where(eq(connectorTickets.ticketId, id));
  await session.json(apiPath(ROUTES.information, { number }), 'POST', { text: 'Refused' });
  const report = await portal.sync();
  assert.equal(report.push.dead, 1);
  const [dead] = await portal.db
    .select()
    .from(connectorDeliveries)
    .where(eq(connectorDeliveries.status, 'dead'));
  assert.equal(dead!.ticketId, id);
  assert.match(dead!.lastError ?? '', /400 .*could not be recorded/);
});
