/**
 * Figure 4: scale. The same requests against 1 000 and 1 000 000 tickets (10 and 10 000
 * customers of 100 tickets each, with timelines) must cost the same: the customer's open list,
 * one ticket's details, and the desk's "updated since" list. The SQL each request runs is
 * captured from drizzle and its EXPLAIN QUERY PLAN shown: indexes, and keyset pages (no OFFSET).
 *
 * Run alone: npm run bench:scale (BENCH_SCALE_CUSTOMERS=2000 for a smaller large database)
 */
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../edge/app.ts';
import { loadConfig } from '../edge/config.ts';
import { DESK_ROUTES } from '../contract/desk-routes.ts';
import type { DeskTicketPage } from '../contract/desk-types.ts';
import { ROUTES, apiPath } from '../contract/routes.ts';
import type { SessionCreated, TicketPage } from '../contract/types.ts';
import * as schema from '../edge/db/schema.ts';
import { consoleMailer } from '../edge/mail/console-mailer.ts';
import { diskStore } from '../edge/node/disk-store.ts';
import { systemClock } from '../edge/ports.ts';
import { BENCH_PASSWORD, customerEmail, dataset, type Dataset } from './lib/dataset.ts';
import { logIn } from './lib/customer.ts';
import { fmt, load, type Target } from './lib/load.ts';
import { markdownTable, say, saveFigure, type Budget } from './lib/report.ts';
import { measured, startNodeApi, temporaryFolder } from './lib/servers.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = 3;
const LARGE = Number(process.env.BENCH_SCALE_CUSTOMERS ?? 10_000);
/** The measured customer: the same 100 tickets in both databases. */
const CUSTOMER = 3;

const small = await dataset(10);
const largeStarted = performance.now();
const large = await dataset(LARGE);
say(
  `scale datasets: ${small.tickets} and ${large.tickets} tickets (${large.events} events), ${large.generatedMs ? `generated in ${(large.generatedMs / 1000).toFixed(1)} s` : `cached (${((performance.now() - largeStarted) / 1000).toFixed(1)} s to check)`}`,
);

/** "Updated since" the 200th latest change: a full page of 50 in both databases. */
async function updatedSince(data: Dataset): Promise<string> {
  const client = createClient({ url: `file:${data.file}` });
  const { rows } = await client.execute(
    'SELECT updated_at FROM tickets ORDER BY updated_at DESC LIMIT 1 OFFSET 199',
  );
  client.close();
  return new Date(Number(rows[0]![0])).toISOString();
}

interface Request {
  name: string;
  path: string;
  desk?: boolean;
}

async function requestsFor(data: Dataset, list: TicketPage | null): Promise<Request[]> {
  const since = await updatedSince(data);
  const number = list?.items[0]?.number;
  return [
    { name: 'customer: list open tickets', path: `${ROUTES.tickets}?state=open` },
    { name: 'customer: ticket details', path: number ? apiPath(ROUTES.ticket, { number }) : '' },
    {
      name: 'desk: tickets updated since',
      path: `${DESK_ROUTES.tickets}?updatedSince=${encodeURIComponent(since)}`,
      desk: true,
    },
  ];
}

/** Runs each request in-process once, capturing the SQL drizzle sends, then explains it. */
async function plans(data: Dataset) {
  const captured: { sql: string; params: unknown[] }[] = [];
  const client = createClient({ url: `file:${data.file}` });
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
  });
  const app = createApp({
    db,
    store: diskStore(temporaryFolder('bench-scale-store-')),
    mailer: consoleMailer(() => {}),
    clock: systemClock,
    config: loadConfig({ ENVIRONMENT: 'development', TOKEN_SECRET: 'x'.repeat(40) }),
  });
  const login = await app.request(ROUTES.session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customerEmail(CUSTOMER), password: BENCH_PASSWORD }),
  });
  const { token } = (await login.json()) as SessionCreated;
  const auth = (desk?: boolean) => ({
    authorization: `Bearer ${desk ? data.deskKey : token}`,
  });
  const first = (await (
    await app.request(`${ROUTES.tickets}?state=open`, { headers: auth() })
  ).json()) as TicketPage;
  const requests = await requestsFor(data, first);
  const deskFirst = (await (
    await app.request(requests[2]!.path, { headers: auth(true) })
  ).json()) as DeskTicketPage;
  // Second pages, by cursor: keyset pages must not scan what came before.
  requests.push(
    {
      name: 'customer: list open tickets, next page',
      path: `${ROUTES.tickets}?state=open&cursor=${first.nextCursor}`,
    },
    {
      name: 'desk: tickets updated since, next page',
      path: `${requests[2]!.path}&cursor=${deskFirst.nextCursor}`,
      desk: true,
    },
  );
  const out: { name: string; queries: { sql: string; plan: string[] }[] }[] = [];
  for (const request of requests) {
    captured.length = 0;
    const response = await app.request(request.path, { headers: auth(request.desk) });
    if (response.status !== 200) throw new Error(`${request.path}: ${response.status}`);
    const queries = [];
    for (const { sql, params } of captured) {
      const { rows } = await client.execute({
        sql: `EXPLAIN QUERY PLAN ${sql}`,
        args: params as never,
      });
      queries.push({ sql, plan: rows.map((row) => String(row.detail)) });
    }
    out.push({ name: request.name, queries });
  }
  client.close();
  return out;
}

const explained = await plans(large);
const problems: string[] = [];
for (const { name, queries } of explained) {
  for (const { sql, plan } of queries) {
    // Any SCAN is a full pass, of the table or of a whole index (an index scan only spares the
    // sort); with 1 000 000 tickets, each costs as much as the tickets are many.
    const scans = plan.filter((line) => /^SCAN /.test(line));
    // The category tree is read whole on purpose (a few dozen rows, cached for 30 s).
    if (scans.length && !/from "categories"/.test(sql))
      problems.push(`${name}: ${scans.join(', ')}`);
    if (/\boffset\b/i.test(sql)) problems.push(`${name}: OFFSET in ${sql}`);
    say(`scale plan ${name}: ${plan.join(' / ')}`);
  }
}

// The cost: each request under load on a server over each database, alternated, best of two.
const servers = {
  small: await startNodeApi({ database: small.file }),
  large: await startNodeApi({ database: large.file }),
};
const targets: Record<'small' | 'large', Target[]> = { small: [], large: [] };
const names: string[] = [];
for (const size of ['small', 'large'] as const) {
  const data = size === 'small' ? small : large;
  const baseUrl = servers[size].url;
  const token = await logIn(baseUrl, CUSTOMER, servers[size].output);
  const list = (await (
    await fetch(new URL(`${ROUTES.tickets}?state=open`, baseUrl), {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as TicketPage;
  for (const request of await requestsFor(data, list)) {
    if (size === 'small') names.push(request.name);
    targets[size].push({
      url: new URL(request.path, baseUrl).href,
      headers: { authorization: `Bearer ${request.desk ? data.deskKey : token}` },
    });
  }
}
const best = { small: names.map(() => 0), large: names.map(() => 0) };
const p50 = { small: names.map(() => Infinity), large: names.map(() => Infinity) };
const cpu = { small: names.map(() => Infinity), large: names.map(() => Infinity) };
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    for (const size of ['small', 'large'] as const) {
      const result = await measured(servers[size], () => load(targets[size][i]!, 16, SECONDS));
      if (result.failures) throw new Error(`${names[i]} (${size}): ${result.failures} failures`);
      best[size][i] = Math.max(best[size][i]!, result.rps);
      p50[size][i] = Math.min(p50[size][i]!, result.p50);
      cpu[size][i] = Math.min(cpu[size][i]!, result.cpuMicrosPerRequest);
      say(
        `scale ${names[i]} ${size === 'small' ? small.tickets : large.tickets} tickets, round ${round + 1}: ${fmt.rps(result.rps)} req/s, p50 ${fmt.ms(result.p50)} ms, server CPU ${Math.round(result.cpuMicrosPerRequest)} µs per request`,
      );
    }
  }
}
await servers.small.stop();
await servers.large.stop();

const budgets: Budget[] = names.map((name, i) => {
  const ratio = cpu.large[i]! / cpu.small[i]!;
  return {
    what: `${name}: cost at ${large.tickets.toLocaleString('en-US')} tickets over cost at ${small.tickets.toLocaleString('en-US')}`,
    budget: '<= 1.3',
    measured: ratio.toFixed(2),
    met: ratio <= 1.3,
  };
});
budgets.push({
  what: 'query plans: indexes only, keyset pages (no full scan of tickets or events, no OFFSET)',
  budget: 'none found',
  measured: problems.length ? problems.join('; ') : 'none found',
  met: problems.length === 0,
});

const planText = explained
  .map(
    ({ name, queries }) =>
      `**${name}**\n\n${queries
        .map(
          ({ sql, plan }) => `\`\`\`sql\n${sql}\n\`\`\`\n\n\`\`\`text\n${plan.join('\n')}\n\`\`\``,
        )
        .join('\n\n')}`,
  )
  .join('\n\n');

await saveFigure('4-scale', {
  order: 4,
  title: 'Scale: 1 000 against 1 000 000 tickets',
  command: 'npm run bench:scale',
  budgets,
  body: `
\`bench/lib/dataset.ts\` generates ${LARGE.toLocaleString('en-US')} customers with 100 tickets each
(${large.tickets.toLocaleString('en-US')} tickets, ${large.events.toLocaleString('en-US')} timeline events; older tickets mostly closed) through the
real migrations, with the synchronous \`libsql\` driver: 100-row INSERTs prepared once, 500
customers per transaction, secondary indexes built after the rows. It is cached under
\`.cache/bench/datasets/\` until the generator or the migrations change. ${large.generatedMs ? `This run generated it in ${(large.generatedMs / 1000).toFixed(0)} s.` : 'This run reused the cached file.'}
The small database has 10 customers of the same shape (${small.tickets.toLocaleString('en-US')} tickets), so the measured
customer has the same 100 tickets in both; the desk asks for changes since the 200th latest one, a
full page of 50 in both. Each request runs at 16 connections for ${SECONDS} s on a Node server per
database, the two measured alternately, ${ROUNDS} rounds. Its cost is the server process's own CPU time
per request (user + system, from \`process.cpuUsage()\` before and after), the lowest of the rounds:
on a shared, busy machine a request's CPU time is far steadier than the requests per second it
gets. Requests per second and p50 latency (best round) are shown as context.

${markdownTable(
  [
    'request',
    `CPU µs/request at ${small.tickets.toLocaleString('en-US')}`,
    `CPU µs/request at ${large.tickets.toLocaleString('en-US')}`,
    'cost ratio',
    `req/s at ${small.tickets.toLocaleString('en-US')}`,
    `req/s at ${large.tickets.toLocaleString('en-US')}`,
    `p50 ms at ${small.tickets.toLocaleString('en-US')}`,
    `p50 ms at ${large.tickets.toLocaleString('en-US')}`,
  ],
  names.map((name, i) => [
    name,
    Math.round(cpu.small[i]!),
    Math.round(cpu.large[i]!),
    (cpu.large[i]! / cpu.small[i]!).toFixed(2),
    fmt.rps(best.small[i]!),
    fmt.rps(best.large[i]!),
    fmt.ms(p50.small[i]!),
    fmt.ms(p50.large[i]!),
  ]),
)}

### Query plans at ${large.tickets.toLocaleString('en-US')} tickets

Every statement each request ran (captured from drizzle's logger, in order: the session check,
then the route's own), with SQLite's EXPLAIN QUERY PLAN. Next pages carry the last row's key
(\`number < ?\` for the customer, \`(updated_at, number) > (?, ?)\` for the desk): keyset, no OFFSET.

${planText}
`,
});
