/**
 * `npm run bench:rt`: the Request Tracker connector against a private RT 5 (needs Debian's
 * request-tracker5): messages per second portal → RT and RT → portal, and the lag from an
 * agent's reply in RT to the customer's thread with the job timer at the default interval.
 */
import { eq, like } from 'drizzle-orm';
import { ROUTES, apiPath } from '../contract/routes.ts';
import { loadConfig } from '../edge/config.ts';
import { enqueueEvents } from '../edge/connectors/outbox.ts';
import { pullFromTool } from '../edge/connectors/pull.ts';
import { pushToTool } from '../edge/connectors/push.ts';
import { ticketEvents, tickets } from '../edge/db/schema.ts';
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
  // Each direction alone: the sync's push (the outbox to RT), then its pull (RT's changes).
  let started = performance.now();
  await enqueueEvents(portal.db, portal.clock.now());
  let pushed = 0;
  while (pushed < toRt) {
    const report = await pushToTool(portal.ports, portal.connector);
    if (report.delivered === 0) throw new Error(`the push stalled: ${JSON.stringify(report)}`);
    pushed += report.delivered;
  }
  const pushSeconds = (performance.now() - started) / 1000;
  // The pull's cursor starts now: RT's echo of the push is read once, as in a real sync.
  await pullFromTool(portal.ports, portal.connector);

  const rtIds: string[] = [];
  for (const number of numbers) {
    const [row] = await portal.db.select().from(tickets).where(eq(tickets.number, number));
    rtIds.push((await agent.ticketOf(row!.id))!);
  }
  for (const rtId of rtIds)
    for (let m = 0; m < MESSAGES; m++) await agent.correspond(rtId, `Answer ${m}`);
  started = performance.now();
  const pull = await pullFromTool(portal.ports, portal.connector);
  const pullSeconds = (performance.now() - started) / 1000;
  const replies = TICKETS * MESSAGES;
  if (pull.applied < replies) throw new Error(`the pull missed replies: ${JSON.stringify(pull)}`);

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
      const found = await portal.db
        .select()
        .from(ticketEvents)
        .where(like(ticketEvents.text, `${text}%`));
      if (found.length > 0) break;
      if (performance.now() - sent > 5 * interval * 1000) throw new Error(`${text} never came`);
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
      `${replies} agent replies (${TICKETS} tickets × ${MESSAGES})`,
      pullSeconds.toFixed(1),
      (replies / pullSeconds).toFixed(1),
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
      'expected to be half an interval on average plus one poll. RT as in `npm run demo:rt`:',
      "RT's default bcrypt cost (12), its e-mail scrips off as docs/connectors.md advises. Each",
      'portal message is one REST2 call (four tickets at once); the pull reads a ticket with two',
      'searches whatever its number of new replies. RT writing (Perl on SQLite) sets the pace.',
    ].join('\n'),
  });
} finally {
  portal.close();
  await rt.stop();
}
