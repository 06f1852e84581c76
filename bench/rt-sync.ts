/**
 * `npm run bench:rt`: the Request Tracker connector against a private RT 5 (needs Debian's
 * request-tracker5): messages per second portal → RT and RT → portal, and the lag from an
 * agent's reply in RT to the customer's thread with the job timer at the default interval.
 */
import { eq } from 'drizzle-orm';
import { ROUTES, apiPath } from '../contract/routes.ts';
import { loadConfig } from '../edge/config.ts';
import { connectorDeliveries, ticketEvents, tickets } from '../edge/db/schema.ts';
import { startJobTimer } from '../edge/jobs/scheduled.ts';
import { rtInstalled, startPrivateRt } from '../edge/node/private-rt.ts';
import { logIn } from '../tests/support/customer.ts';
import { connectedPortal, rtAgent } from '../tests/rt/support.ts';
import { markdownTable, saveFigure, say } from './lib/report.ts';

if (!rtInstalled()) {
  console.error(
    'Request Tracker 5 is not installed: apt-get install -y request-tracker5 rt5-db-sqlite',
  );
  process.exit(1);
}

const TICKETS = Number(process.env.TICKETS ?? 20);
const MESSAGES = Number(process.env.MESSAGES ?? 5);
const LAG_SAMPLES = Number(process.env.LAG_SAMPLES ?? 4);

const rt = await startPrivateRt(['Software', 'Infrastructure', 'Accounts']);
const agent = rtAgent(rt);
const portal = await connectedPortal(rt);
try {
  const customer = await portal.createCustomer({ name: 'Bench Customer' });
  const session = await logIn(portal, customer.email, customer.password);
  const numbers: number[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const { number } = await session.newTicket({ description: `Bench ticket ${i}` });
    numbers.push(number);
    for (let m = 0; m < MESSAGES; m++)
      await session.json(apiPath(ROUTES.information, { number }), 'POST', { text: `Message ${m}` });
  }
  const toRt = TICKETS * (1 + MESSAGES);
  let started = performance.now();
  for (;;) {
    await portal.sync();
    const left = await portal.db
      .select()
      .from(connectorDeliveries)
      .where(eq(connectorDeliveries.status, 'pending'));
    if (left.length === 0) break;
  }
  const pushSeconds = (performance.now() - started) / 1000;

  const rtIds: string[] = [];
  for (const number of numbers) {
    const [row] = await portal.db.select().from(tickets).where(eq(tickets.number, number));
    rtIds.push((await agent.ticketOf(row!.id))!);
  }
  for (const rtId of rtIds)
    for (let m = 0; m < MESSAGES; m++) await agent.correspond(rtId, `Answer ${m}`);
  started = performance.now();
  const pull = await portal.sync();
  const pullSeconds = (performance.now() - started) / 1000;

  // Lag at the default interval: the job timer as Node runs it, a reply at a random moment.
  const interval = loadConfig({ TOKEN_SECRET: 'x'.repeat(32) }).RT_SYNC_SECONDS;
  const stop = startJobTimer(portal.ports, interval);
  const lags: number[] = [];
  for (let sample = 0; sample < LAG_SAMPLES; sample++) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * interval * 1000));
    const text = `Lag sample ${sample}`;
    await agent.correspond(rtIds[0]!, text);
    const sent = performance.now();
    for (;;) {
      const found = await portal.db.select().from(ticketEvents).where(eq(ticketEvents.text, text));
      if (found.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    lags.push((performance.now() - sent) / 1000);
  }
  stop();

  const mean = lags.reduce((sum, lag) => sum + lag, 0) / lags.length;
  const rows = [
    [
      'portal → RT',
      `${toRt} (${TICKETS} tickets + ${TICKETS * MESSAGES} messages)`,
      pushSeconds.toFixed(1),
      (toRt / pushSeconds).toFixed(1),
    ],
    [
      'RT → portal',
      `${pull.pull.applied} changes (${TICKETS * MESSAGES} replies and RT's own status moves)`,
      pullSeconds.toFixed(1),
      (pull.pull.applied / pullSeconds).toFixed(1),
    ],
  ];
  for (const row of rows) say(row.join(': '));
  const samples = lags.map((lag) => lag.toFixed(1)).join(', ');
  say(`lag at RT_SYNC_SECONDS=${interval}: ${samples} s`);
  await saveFigure('rt-sync', {
    order: 7,
    title: 'Request Tracker connector: sync throughput and lag',
    command: 'npm run bench:rt',
    budgets: [],
    body: [
      markdownTable(['direction', 'messages', 'seconds', 'per second'], rows),
      '',
      `Lag from an agent's reply in RT to the customer's thread, the job timer at the default`,
      `RT_SYNC_SECONDS=${interval}, a reply at a random moment: mean ${mean.toFixed(1)} s, max`,
      `${Math.max(...lags).toFixed(1)} s over ${lags.length} samples (${samples} s). The lag is`,
      'half an interval on average plus one poll. The throughput is bounded by RT: each message is',
      'one REST2 call or more (RT in Perl on SQLite here), four tickets at once towards RT, one',
      'ticket after another from it.',
    ].join('\n'),
  });
} finally {
  portal.close();
  await rt.stop();
}
