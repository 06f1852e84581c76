import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, ne } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import * as schema from '../../edge/db/schema.ts';
import { connectorDeliveries, ticketEvents, tickets } from '../../edge/db/schema.ts';
import { DEMO_LOGIN } from '../../edge/demo/demo-data.ts';
import { openDatabase } from '../../edge/node/ports.ts';
import type { PrivateRt } from '../../edge/node/private-rt.ts';
import { logIn, type HttpCustomer } from '../runtimes/support/http-customer.ts';
import {
  freePort,
  startServer,
  temporaryFolder,
  type Server,
} from '../../edge/node/child-servers.ts';
import { rtAgent, rtEnv, type RtAgent, startTestRt } from './support.ts';

const TICKETS = 8;
const MESSAGES = 2;

let rt: PrivateRt;
let agent: RtAgent;
let dataDir: string;
let port: number;
let server: Server;
let customer: HttpCustomer;

/** The portal as `npm start` runs it, syncing with RT every second. */
function startNodePortal() {
  return startServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'edge/node.ts'],
    env: {
      ...rtEnv(rt, { RT_SYNC_SECONDS: '1', RT_BACKOFF_SECONDS: '1' }),
      PORT: String(port),
      DATA_DIR: dataDir,
      PBKDF2_ITERATIONS: '10000',
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/config',
  });
}

const client = () => openDatabase(`file:${join(dataDir, 'portal.db')}`);

/** Reads the portal's database from outside, as the server leaves it. */
async function withDb<T>(read: (db: ReturnType<typeof drizzle<typeof schema>>) => Promise<T>) {
  const connection = client();
  try {
    return await read(drizzle(connection, { schema }));
  } finally {
    connection.close();
  }
}

/** Waits (a long while at most: RT is slow on a loaded machine) until `done` holds. */
async function waitFor(what: string, done: () => Promise<boolean>) {
  const deadline = Date.now() + 8 * 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

before(async () => {
  rt = await startTestRt();
  agent = rtAgent(rt);
  dataDir = temporaryFolder('portal-rt-killed-');
  port = await freePort();
  server = await startNodePortal();
  customer = await logIn(server.url, DEMO_LOGIN);
});
after(async () => {
  await server?.stop();
  await rt?.stop();
});

test('the portal killed mid-sync and restarted: nothing doubled either way', async () => {
  const numbers: number[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const response = await customer.createTicket({ description: `Killed-portal ticket ${i}` });
    assert.equal(response.status, 201);
    const { number } = (await response.json()) as TicketDetails;
    numbers.push(number);
    for (let m = 0; m < MESSAGES; m++) {
      const added = await customer.postJson(apiPath(ROUTES.information, { number }), {
        text: `Customer message ${m} on ${number}`,
      });
      assert.equal(added.status, 200);
    }
  }

  // Killed as soon as RT has the first ticket: the rest is mid-way.
  await waitFor('a first delivery', async () =>
    withDb(async (db) => {
      const sent = await db
        .select()
        .from(connectorDeliveries)
        .where(eq(connectorDeliveries.status, 'delivered'));
      return sent.length > 0;
    }),
  );
  await server.kill();
  const unsent = await withDb((db) =>
    db.select().from(connectorDeliveries).where(ne(connectorDeliveries.status, 'delivered')),
  );
  assert.ok(unsent.length > 0, 'killed before everything was sent');
  server = await startNodePortal();
  await waitFor('every delivery', async () =>
    withDb(async (db) => {
      const rows = await db.select().from(connectorDeliveries);
      return (
        rows.length === TICKETS * (1 + MESSAGES) && rows.every((row) => row.status === 'delivered')
      );
    }),
  );

  const ids = await withDb(async (db) =>
    Promise.all(
      numbers.map(async (number) => {
        const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
        return row!.id;
      }),
    ),
  );
  const rtIds: string[] = [];
  for (const [index, id] of ids.entries()) {
    const query = encodeURIComponent(`'CF.{Portal ticket}' = '${id}'`);
    const response = await fetch(`${rt.url}/REST/2.0/tickets?query=${query}`, {
      headers: { Authorization: rt.agentAuthorization },
    });
    const found = (await response.json()) as { total: number; items: { id: string }[] };
    assert.equal(found.total, 1, `one RT ticket for portal ticket ${numbers[index]}`);
    rtIds.push(found.items[0]!.id);
    const replies = (await agent.messages(found.items[0]!.id)).filter(
      (message) => message.type === 'Correspond',
    );
    assert.deepEqual(
      replies.map((reply) => reply.text.split('\n').at(-1)),
      Array.from({ length: MESSAGES }, (_, m) => `Customer message ${m} on ${numbers[index]}`),
    );
  }

  // The other way: agents answer, the portal is killed as the first answer lands.
  for (const rtId of rtIds) {
    for (let m = 0; m < MESSAGES; m++) await agent.correspond(rtId, `Agent answer ${m}`);
  }
  const answers = () =>
    withDb((db) =>
      db
        .select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.kind, 'public_comment'), eq(ticketEvents.actorType, 'desk'))),
    );
  await waitFor('a first answer', async () => (await answers()).length > 0);
  await server.kill();
  assert.ok((await answers()).length < TICKETS * MESSAGES, 'killed before every answer landed');
  server = await startNodePortal();
  customer = await logIn(server.url, DEMO_LOGIN);
  await waitFor('every answer', async () => (await answers()).length >= TICKETS * MESSAGES);
  // One more sync after the last answer: still nothing doubled.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const number of numbers) {
    const details = (await (
      await customer.request(apiPath(ROUTES.ticket, { number }))
    ).json()) as TicketDetails;
    assert.deepEqual(
      details.timeline
        .filter((event) => event.kind === 'public_comment')
        .map((event) => event.text?.trim()),
      Array.from({ length: MESSAGES }, (_, m) => `Agent answer ${m}`),
    );
  }
});
