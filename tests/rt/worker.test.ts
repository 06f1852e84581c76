/**
 * The connector on the Worker: `wrangler dev` (workerd) over a real sqld, its scheduled handler
 * (run through wrangler's `/__scheduled`, as the cron would) syncing with the same private RT 5
 * the other tests use.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { Agent } from 'undici';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { tickets } from '../../edge/db/schema.ts';
import type { PrivateRt } from '../../edge/node/private-rt.ts';
import { logIn, type HttpCustomer } from '../runtimes/support/http-customer.ts';
import { startSqld, type LibsqlServer } from '../runtimes/support/sqld.ts';
import { startWranglerDev, type WranglerDev } from '../runtimes/support/wrangler.ts';
import { PNG } from '../support/files.ts';
import { rtAgent, rtEnv, type RtAgent, startTestRt } from './support.ts';

let rt: PrivateRt;
let agent: RtAgent;
let sqld: LibsqlServer;
let worker: WranglerDev;
let customer: HttpCustomer;

before(async () => {
  rt = await startTestRt();
  agent = rtAgent(rt);
  sqld = await startSqld();
  const login = await sqld.createCustomer('Rita', WORKERS_PBKDF2_MAX_ITERATIONS);
  worker = await startWranglerDev({
    LIBSQL_URL: sqld.url,
    TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
    ENVIRONMENT: 'development',
    ...rtEnv(rt),
  });
  customer = await logIn(worker.url, login);
  // The first run connects: what happens from now on goes to RT.
  await cron();
});

after(async () => {
  await Promise.allSettled([worker?.stop(), sqld?.stop(), rt?.stop()]);
});

/** Runs the Worker's scheduled handler as the Cron Trigger would. */
async function cron() {
  const started = Date.now();
  try {
    const response = await fetch(new URL('/__scheduled?cron=*+*+*+*+*', worker.url), {
      dispatcher: patient,
    } as RequestInit);
    assert.equal(response.status, 200);
    await response.body?.cancel();
  } catch (error) {
    throw new Error(
      `cron failed after ${Date.now() - started} ms:\n${worker.output().slice(-4000)}`,
      {
        cause: error,
      },
    );
  }
}

/** The scheduled run answers when it is done, which on a loaded machine may take minutes. */
const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

async function thread(number: number) {
  const response = await customer.request(apiPath(ROUTES.ticket, { number }));
  return ((await response.json()) as TicketDetails).timeline;
}

test('the scheduled Worker sends a ticket with its file to RT and brings the reply back, once', async () => {
  const created = await customer.createTicket(
    { category: 'infra.network.vpn', description: 'VPN down (from the Worker)' },
    { name: 'screen.png', bytes: PNG },
  );
  assert.equal(created.status, 201);
  const { number } = (await created.json()) as TicketDetails;
  await cron();
  const [row] = await sqld.db.select().from(tickets).where(eq(tickets.number, number));
  const rtId = await agent.ticketOf(row!.id);
  assert.ok(rtId, 'the RT ticket exists');
  const [create] = await agent.messages(rtId);
  assert.equal(create!.text.trim(), 'VPN down (from the Worker)');
  assert.deepEqual(create!.files[0]!.bytes, PNG);

  const added = await customer.postJson(apiPath(ROUTES.information, { number }), {
    text: 'Still down this morning.',
  });
  assert.equal(added.status, 200);
  await agent.correspond(rtId, 'We are restarting the gateway.');
  await agent.comment(rtId, 'Internal: gateway firmware is old.');
  await cron();
  await cron();

  const replies = (await agent.messages(rtId)).filter((m) => m.type === 'Correspond');
  const customerReplies = replies.filter((m) => m.text.includes('Still down this morning.'));
  assert.equal(customerReplies.length, 1);
  const comments = (await thread(number)).filter((event) => event.kind === 'public_comment');
  assert.deepEqual(
    comments.map((event) => event.text?.trim()),
    ['We are restarting the gateway.'],
  );
  assert.ok(!JSON.stringify(await thread(number)).includes('firmware'));
});
