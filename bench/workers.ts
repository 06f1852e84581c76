/**
 * Figure 6: the Workers path. The list and details routes under `wrangler dev` (workerd) with
 * libSQL served over HTTP by sqld, next to the same routes on Node over a libSQL file, each
 * against a bare Hono route on its own runtime, all in the same run.
 *
 * Run alone: npm run bench:workers
 */
import { join } from 'node:path';
import { createClient, type InValue } from '@libsql/client';
import SyncDatabase from 'libsql';
import { startServer } from '../edge/node/child-servers.ts';
import { startSqld } from '../tests/runtimes/support/sqld.ts';
import { startWranglerDev } from '../tests/runtimes/support/wrangler.ts';
import { startCountingProxy } from './lib/counting-proxy.ts';
import { buildWorker, startMillis, WORKER_GZIP_BUDGET } from './lib/worker-bundle.ts';
import { ROUTES, apiPath } from '../contract/routes.ts';
import { customerTargets, logIn, loginTarget, multipart } from './lib/customer.ts';
import { listStatements, pageQuery } from './lib/list-costs.ts';
import { copyOf, dataset } from './lib/dataset.ts';
import { fmt, load, type LoadResult, type Target } from './lib/load.ts';
import { REPO_ROOT } from './lib/paths.ts';
import { markdownTable, say, saveFigure, type Budget } from './lib/report.ts';
import {
  BENCH_TOKEN_SECRET,
  freePort,
  startNodeApi,
  startNodeBare,
  temporaryFolder,
} from './lib/servers.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
/**
 * A cell lasts three times longer at 64 connections: there, on a loaded machine, a Worker
 * request waits over a second in the queue, and a 2 s cell ended before most had an answer
 * (autocannon drops what is still in flight: no error, no answer, the cell read as failed).
 */
const secondsAt = (connections: number) => (connections >= 64 ? SECONDS * 3 : SECONDS);
const CONNECTIONS = [1, 8, 16, 64];
/** Ticket creates sent at once to the Worker, as a burst of customers would. */
const BURST = 64;
/** Requests of each route whose database round trips are counted (the mean is printed). */
const COUNTED = 5;
const source = copyOf(await dataset(10), temporaryFolder('bench-workers-'));

// The Worker as deployed: its size and how long loading it takes, before any server starts.
const bundle = buildWorker(temporaryFolder('bench-worker-bundle-'));
const startMs = startMillis(bundle.file);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
say(
  `worker bundle: ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip, loaded in ${startMs.toFixed(0)} ms`,
);

// sqld gets the same rows as the Node file: its own migrations and categories, then a copy.
const sqld = await startSqld();
const file = new SyncDatabase(source.file, { readonly: true });
const remote = createClient({ url: sqld.url });
for (const table of ['customers', 'tickets', 'ticket_events']) {
  const rows = file.prepare(`SELECT * FROM ${table}`).raw(true).all() as InValue[][];
  const columns = (file.prepare(`SELECT * FROM ${table} LIMIT 1`).columns() as { name: string }[])
    .map((c) => c.name)
    .join(',');
  const statements = [];
  for (let at = 0; at < rows.length; at += 200) {
    const chunk = rows.slice(at, at + 200);
    const one = `(${chunk[0]!.map(() => '?').join(',')})`;
    statements.push({
      sql: `INSERT INTO ${table} (${columns}) VALUES ${chunk.map(() => one).join(',')}`,
      args: chunk.flat(),
    });
  }
  await remote.batch(statements, 'write');
}
file.close();
remote.close();

const workerVars = { TOKEN_SECRET: BENCH_TOKEN_SECRET, ALLOWED_ORIGINS: 'http://localhost:8787' };
// Without `--test-scheduled`, whose middleware a deployed Worker does not have.
const worker = await startWranglerDev(
  { ...workerVars, LIBSQL_URL: sqld.url },
  { testScheduled: false },
);
// A second Worker whose database requests pass a counting proxy: each libSQL HTTP request
// through it is one round trip. Only counted requests go there; the load cells go straight to
// sqld, as a deployed Worker goes to Turso.
const proxy = await startCountingProxy(sqld.url);
const counted = await startWranglerDev(
  { ...workerVars, LIBSQL_URL: proxy.url },
  { testScheduled: false },
);
const node = await startNodeApi({ database: source.file });
const nodeToken = await logIn(node.url, 0);
const listPath = (() => {
  const url = new URL(`${ROUTES.tickets}?state=open`, node.url);
  return url.pathname + url.search;
})();
// The floors run the list page's own query, as the portal sends it for this customer.
const page = pageQuery(await listStatements(source.file, listPath, nodeToken));
/** A Worker of `bench/servers/worker-bare.ts` under `wrangler dev` with the given config. */
async function startBareWorker(config: string) {
  const port = await freePort();
  return startServer({
    command: process.execPath,
    args: [
      join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--local',
      '--ip=127.0.0.1',
      `--port=${port}`,
      `--inspector-port=${await freePort()}`,
      `--persist-to=${temporaryFolder('bench-bare-worker-')}`,
      '--show-interactive-dev-session=false',
      `--config=${join(REPO_ROOT, 'bench/servers', config)}`,
      ...['--var', `LIBSQL_URL:${sqld.url}`, '--var', `FLOOR_SQL:${page.sql}`],
      ...['--var', `FLOOR_ARGS:${JSON.stringify(page.args)}`],
    ],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/bare',
  });
}
// With the portal's [assets] routing in front, as the portal's Worker has; and without it.
const workerBare = await startBareWorker('wrangler-bare.toml');
const workerBarePlain = await startBareWorker('wrangler-bare-plain.toml');
const nodeBare = await startNodeBare({ database: source.file, ...page });

const nodeRoutes = (await customerTargets(node.url, nodeToken)).targets;
/** The customer's routes on a Worker, with the reply box's request (text only). */
async function workerTargets(baseUrl: string) {
  const customer = await customerTargets(baseUrl, await logIn(baseUrl, 0));
  const replyForm = await multipart({ text: 'It also happens with the web client.' });
  customer.targets['reply'] = {
    url: new URL(apiPath(ROUTES.replies, { number: customer.openTicket }), baseUrl).href,
    method: 'POST',
    headers: { ...customer.auth, 'content-type': replyForm.contentType },
    body: replyForm.body,
    expect: 201,
  };
  return customer.targets;
}
const workerRoutes = await workerTargets(worker.url);
const countedRoutes = await workerTargets(counted.url);
const FLOOR = 'floor: the page query alone, rows as JSON';
const cells: [string, string, Target][] = [
  ['Node', 'bare Hono JSON route', { url: new URL('/bare', nodeBare.url).href }],
  ['Node', FLOOR, { url: new URL('/floor', nodeBare.url).href }],
  ['Node', 'list open tickets', nodeRoutes['list open tickets']!],
  ['Node', 'ticket details', nodeRoutes['ticket details']!],
  ['Workers', 'bare Hono JSON route', { url: new URL('/bare', workerBare.url).href }],
  ['Workers', FLOOR, { url: new URL('/floor', workerBare.url).href }],
  ['Workers', 'list open tickets', workerRoutes['list open tickets']!],
  ['Workers', 'ticket details', workerRoutes['ticket details']!],
];
const results: { runtime: string; route: string; result: LoadResult }[] = [];
const roundTrips: Record<string, number> = {};
/** The widget sends an `Idempotency-Key` with each new ticket, reply and file. */
const KEYED_CREATE = 'create a ticket (Idempotency-Key)';
const KEYED_REPLY = 'reply (Idempotency-Key)';
/** Per counted request, one at a time: its whole time, and the time its database requests took. */
const timing: Record<string, { requestMs: number; databaseMs: number }> = {};
const burst = { created: 0, refused: 0, other: 0 };
/** A bare route's requests per second with the portal's [assets] routing over without, by connections. */
const assetRouting: Record<number, number> = {};
let crossRequest = false;
try {
  // Round trips per request of each route, one request at a time, after a first (warm) one, each
  // counted once nothing more reaches the database (a kept idempotent answer is written after).
  const withKey = (target: Target): Target => ({
    ...target,
    headers: { ...target.headers, 'idempotency-key': crypto.randomUUID() },
  });
  const countedTargets: [string, () => Target][] = [
    ['list open tickets', () => countedRoutes['list open tickets']!],
    ['ticket details', () => countedRoutes['ticket details']!],
    ['create a ticket', () => countedRoutes['create a ticket']!],
    ['add information', () => countedRoutes['add information']!],
    ['reply', () => countedRoutes['reply']!],
    [KEYED_CREATE, () => withKey(countedRoutes['create a ticket']!)],
    [KEYED_REPLY, () => withKey(countedRoutes['reply']!)],
  ];
  let loginCustomer = 1;
  countedTargets.push(['log in', () => loginTarget(counted.url, loginCustomer++)]);
  for (const [name, target] of countedTargets) {
    await send(target());
    await settled();
    proxy.reset();
    let requestMs = 0;
    for (let i = 0; i < COUNTED; i++) {
      const started = performance.now();
      await send(target());
      requestMs += performance.now() - started;
      await settled();
    }
    roundTrips[name] = proxy.count / COUNTED;
    timing[name] = { requestMs: requestMs / COUNTED, databaseMs: proxy.millis / COUNTED };
  }
  say(
    `db round trips: ${Object.entries(roundTrips)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}`,
  );
  say(`time per request, of which database (ms, one at a time): ${timings()}`);

  // A burst of creates at once: each must be taken, none refused while sqld is busy.
  const create = workerRoutes['create a ticket']!;
  const statuses = await Promise.all(
    Array.from({ length: BURST }, async () => (await send(create, false)).status),
  );
  for (const status of statuses) {
    if (status === 201) burst.created++;
    else if (status === 503 || status === 429) burst.refused++;
    else burst.other++;
  }
  say(
    `workers ${BURST} concurrent creates: ${burst.created} created, ${burst.refused} refused, ${burst.other} other`,
  );

  for (const [, , target] of cells) await load(target, 16, 1);
  // What [assets] routing costs a bare route: the same route with and without it, in turns.
  for (const connections of [1, 16]) {
    const rps = { plain: 0, withAssets: 0 };
    for (let round = 0; round < 2; round++) {
      rps.plain += (
        await load({ url: new URL('/bare', workerBarePlain.url).href }, connections, SECONDS)
      ).rps;
      rps.withAssets += (
        await load({ url: new URL('/bare', workerBare.url).href }, connections, SECONDS)
      ).rps;
    }
    assetRouting[connections] = rps.withAssets / rps.plain;
    say(
      `workers bare route with [assets] routing vs without, c=${connections}: ${fmt.ratio(rps.withAssets / rps.plain)}`,
    );
  }
  for (const connections of CONNECTIONS) {
    for (const [runtime, route, target] of cells) {
      const result = await load(target, connections, secondsAt(connections));
      results.push({ runtime, route, result });
      say(
        `workers ${runtime} ${route} c=${connections}: ${fmt.rps(result.rps)} req/s, p50 ${fmt.ms(result.p50)} ms, p99 ${fmt.ms(result.p99)} ms, failures ${result.failures}`,
      );
    }
  }
} finally {
  crossRequest = /different request context/.test(worker.output() + counted.output());
  await Promise.allSettled(
    [worker, counted, workerBare, workerBarePlain, node, nodeBare].map((server) => server.stop()),
  );
  await proxy.stop();
  await sqld.stop();
}

/** Resolves once no database request has passed the proxy for 100 ms. */
async function settled() {
  for (let seen = -1; seen !== proxy.count;) {
    seen = proxy.count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function timings(): string {
  return Object.entries(timing)
    .map(([name, t]) => `${name} ${t.requestMs.toFixed(1)} (${t.databaseMs.toFixed(1)})`)
    .join(', ');
}

/** One request of a target, its answer read; with `check`, anything unexpected throws. */
async function send(target: Target, check = true): Promise<Response> {
  const response = await fetch(target.url, {
    method: target.method ?? 'GET',
    headers: target.headers,
    body:
      typeof target.body === 'string' ? target.body : target.body && new Uint8Array(target.body),
  });
  await response.arrayBuffer();
  if (check && response.status !== (target.expect ?? 200))
    throw new Error(`${target.method ?? 'GET'} ${target.url}: ${response.status}`);
  return response;
}

const cellOf = (runtime: string, route: string, connections: number) =>
  results.find(
    (r) => r.runtime === runtime && r.route === route && r.result.connections === connections,
  )!.result;
const bareOf = (runtime: string, connections: number) =>
  cellOf(runtime, 'bare Hono JSON route', connections);

const share = (route: string, connections: number) =>
  cellOf('Workers', route, connections).rps / bareOf('Workers', connections).rps;
const READS = ['list open tickets', 'ticket details'];
const WRITES = ['create a ticket', 'add information', 'reply', 'log in'];
const KEYED = [KEYED_CREATE, KEYED_REPLY];
// A cell where nothing was answered in time failed too, though autocannon counts no error.
const workerFailures = results
  .filter((r) => r.runtime === 'Workers')
  .reduce((sum, r) => sum + r.result.failures + (r.result.requests === 0 ? 1 : 0), 0);
const ratiosMet = READS.every((route) => [1, 16].every((n) => share(route, n) >= 0.3));
/** What the floor's ratios leave a list, at the connection counts of the budgets. */
function floorVerdict(): string {
  const under = [1, 16].filter((n) => share(FLOOR, n) < 0.3);
  const over = [1, 16].filter((n) => share(FLOOR, n) >= 0.3);
  const atCounts = (counts: number[]) =>
    `at ${counts.join(' and ')} connection${counts.length > 1 || counts[0] !== 1 ? 's' : ''}`;
  const parts = [
    under.length &&
      `${atCounts(under)} one database request from a Worker already costs more than the budget allows a whole list`,
    over.length &&
      `${atCounts(over)} the budget leaves a list little more than the one database request it needs`,
  ].filter(Boolean);
  return parts.join('; ');
}
const budgets: Budget[] = [
  ...READS.flatMap((route) =>
    [1, 16].map((connections) => ({
      what: `Workers: ${route} vs the bare Worker route, ${connections} connection${connections > 1 ? 's' : ''}`,
      budget: '>= 30%',
      measured: fmt.ratio(share(route, connections)),
      met: share(route, connections) >= 0.3,
    })),
  ),
  {
    what: `Workers: database round trips per read (${READS.join(', ')})`,
    budget: '1',
    measured: READS.map((route) => roundTrips[route]).join(', '),
    met: READS.every((route) => roundTrips[route] === 1),
  },
  {
    what: `Workers: database round trips per write (${WRITES.join(', ')})`,
    budget: '<= 2',
    measured: WRITES.map((route) => roundTrips[route]).join(', '),
    met: WRITES.every((route) => roundTrips[route]! <= 2),
  },
  {
    what: `Workers: database round trips per write as the widget sends it, with an Idempotency-Key (${KEYED.join(', ')})`,
    budget: '<= 2 before the answer',
    measured: `${KEYED.map((route) => roundTrips[route]).join(', ')} in all, the last the answer kept after it (waitUntil)`,
    met: KEYED.every((route) => roundTrips[route]! - 1 <= 2),
  },
  {
    what: `Workers: failed requests, every cell up to ${Math.max(...CONNECTIONS)} connections`,
    budget: '0',
    measured: String(workerFailures),
    met: workerFailures === 0,
  },
  {
    what: 'Workers: the bundle as `wrangler deploy` uploads it, gzip',
    budget: `<= ${kb(WORKER_GZIP_BUDGET)}`,
    measured: `${kb(bundle.gzip)} (${kb(bundle.raw)} raw)`,
    met: bundle.gzip <= WORKER_GZIP_BUDGET,
  },
  {
    what: `Workers: ${BURST} ticket creates at once, refused`,
    budget: '0',
    measured: `${burst.refused} (${burst.created} created, ${burst.other} other)`,
    met: burst.refused === 0 && burst.other === 0,
  },
];

await saveFigure('6-workers', {
  order: 6,
  title: 'Workers path (wrangler dev, workerd, sqld) next to Node',
  command: 'npm run bench:workers',
  budgets,
  body: `
The portal's Worker (\`edge/worker.ts\`) under \`wrangler dev --local\` (workerd, local R2), its
libSQL a real sqld over HTTP on the same machine, holding the same rows as the Node server's file
(the generated 1 000-ticket database, copied). The Workers baselines run in a Worker of their own
under \`wrangler dev\` (\`bench/servers/worker-bare.ts\`): a bare Hono JSON route, and a floor
route that does the least a list can do on Workers, the list page's own query (as the portal sends
it for this customer) in one libSQL HTTP request to the same sqld on a resumed stream, as the
portal's client sends it, its values sent as JSON; the
Node ones as in figure 3. All in one run, ${SECONDS} s per cell (${secondsAt(64)} s at 64
connections); "vs bare" is against the bare route of the same runtime. The load cells' Worker
talks to sqld directly, as a deployed Worker talks to Turso. The round trips are counted on a
second Worker of the same code whose database requests pass a small counting proxy
(\`bench/lib/counting-proxy.ts\`): each libSQL HTTP request through it is one round trip.
The baselines' Worker has the portal's \`[assets]\` routing in front of it, as the portal's
Worker has (\`bench/servers/wrangler-bare.toml\`): under \`wrangler dev\` a bare route with it
made ${fmt.ratio(assetRouting[1]!)} of the same route without it at 1 connection and ${fmt.ratio(assetRouting[16]!)} at 16
(measured in turns in this run). Before 2026-12-02 the baselines ran without it, so every
Workers ratio in earlier versions of this figure charged that routing to the portal.

The Worker builds its app, routes, schemas, prepared queries and ports once per isolate, its
config parsed once per env (\`edge/worker.ts\`). Its database client is our own
(\`edge/db/libsql-http-client.ts\`, libSQL's HTTP protocol): it shares no promise between
requests (workerd refuses to resume a request on a promise another request's I/O settles), so
one serves the isolate, and it resumes streams earlier requests left open on the server, which
spares sqld opening a connection for each request. A read sends the session check with the
route's own queries in one libSQL batch (\`edge/db/reads.ts\`, \`customerReads\` in
\`edge/middleware/customer-auth.ts\`); details also read the reader's new-reply marker there,
and write it only when it moves.

**The bundle** (\`wrangler deploy --dry-run --outdir\`, \`bench/lib/worker-bundle.ts\`): ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip; the same budget fails \`npm test\` (tests/bench/size-budget.test.ts). Loading it in a fresh Node process (a stand-in for an isolate's start, median of 5) took ${startMs.toFixed(0)} ms. The common-passwords list of \`@zxcvbn-ts/language-common\` (about 400 KB of it) is imported on the first password check, not at start.

**Database round trips per request** (${COUNTED} requests of each, one at a time, after a first):
${Object.entries(roundTrips)
  .map(([name, n]) => `${name} ${n}`)
  .join(', ')}.

A write costs two: its reads with the session check (\`pathTicket\` in
\`edge/routes/ticket-writes.ts\`: the session and the ticket named in the path), then its guarded
batch, which also marks the ticket opened and reads the details the route answers with, in the
same write transaction (\`writeThenRead\` in \`edge/db/reads.ts\`). A create has no reads of its
own beyond the session check (the category tree is kept), and its batch reads the new ticket by
id, since SQL chooses its number there. A log in reads its lockout window with the customer,
then inserts the session and clears the lockout in one batch (the address and e-mail limits are
Cloudflare's rate-limiting bindings). Before (2026-12-02, \`npm run bench:workers\` at a load
average of about 1): create a ticket 5, add information 6, log in 4, and ticket details 2 (the
conversation's new-reply marker had added a read).

The widget sends an \`Idempotency-Key\` with each new ticket, reply and file. The key is
claimed in the route's first round trip, in one write transaction with the session check and
the route's first reads (\`FirstWrites\` in \`edge/middleware/customer-auth.ts\`), and the
answer is kept after it has been sent (\`waitUntil\`), so that a repeat gets it: a keyed create
costs ${roundTrips[KEYED_CREATE]} in all (the session and the claim; the write; the kept answer), a keyed reply
${roundTrips[KEYED_REPLY]} (the session, the claim and the ticket's reads; the write; the kept answer), the last of
them after the answer. Before this change 4 and 5, all before the answer: the session checked
alone, then the claim, and the answer kept before the response.

**Where a request's time goes.** The same requests, one at a time, on the counted Worker: the
whole request as the benchmark saw it, and in brackets the time its database requests took
through the counting proxy (sqld included), in ms: ${timings()}. What changed, found with CPU
profiles of workerd through its inspector and of the same code in Node, and measured in the
same run against the previous code:
- \`@libsql/client/web\` gave way to our client. Made per request, as workerd required of it
  (its concurrency queue is a promise shared across requests), it cost about 1 ms of each
  request as profiled (URL parsing, the queue, a stream object), and it built every row value
  by value. Ours is made once per isolate and builds rows from one class per statement; drizzle
  and the error handling see the same \`Client\`, checked statement by statement against
  \`@libsql/client\` on a real sqld (\`tests/runtimes/workers-libsql-http-client.test.ts\`).
  List 15.8% → 19.9% of the bare route at 1 connection, 17.0% → 24.5% at 16.
- Streams kept open: each libSQL HTTP request without a baton opens a stream, and sqld opens a
  database connection for it, about 1 ms of sqld's CPU (measured from \`/proc\`: the page query
  alone 1.6–2.1 ms on a new stream, 0.5–0.9 ms on a resumed one; the list's batch 2.2–2.6 against
  1.2–1.7 ms). The client keeps up to 8 streams per isolate and resumes them. List 16.7% → 21.4%
  at 1 connection, details 18.3% → 25.4%.
- Shared with Node (figure 3): rows mapped by a mapper made once per query (\`edge/db/row-mapping.ts\`), summaries not copied, request variables read with \`c.get\`.
- Earlier (figure 6 before): \`keep_names = false\` (esbuild renamed every function made per
  request), drizzle without its relational schema, no \`--test-scheduled\` middleware in the
  benchmark's Worker.

Our own code's share is now small: the Worker's JavaScript for a list request, its database
answers replayed in Node (same V8), costs about 1 ms of CPU (Hono, the session check's reads,
drizzle's mapping, the summaries, JSON), details about 0.8 ms.

**${ratiosMet ? 'The ratio budgets.' : 'Why the ratio budgets are not met.'}** The floor route made ${fmt.ratio(share(FLOOR, 1))} of the
bare route at 1 connection and ${fmt.ratio(share(FLOOR, 16))} at 16: ${floorVerdict()}. Under \`wrangler dev\` a
request from the Worker to sqld passes workerd's network stack and miniflare's outbound worker
(\`strip-cf-connecting-ip\`, which every local Worker's \`fetch\` goes through), then sqld
answers in about 2–4 ms on this machine (a trivial \`SELECT 1\` from Node: about 3 ms); the bare
route does none of it. Measured with each process's CPU time (\`/proc\`) at 16 connections, a Worker route that
makes one fetch to sqld's \`/health\` cost wrangler's Node process 1.8 ms and workerd 3.2 ms
per request, against 0.9 and 1.5 ms for the bare route: under \`wrangler dev\` the subrequest
alone costs about 2.5 ms of CPU on this machine, sqld's own work aside. A deployed Worker's
\`fetch\` goes out directly. The list reached ${fmt.ratio(cellOf('Workers', 'list open tickets', 1).rps / cellOf('Workers', FLOOR, 1).rps)} of the floor's throughput at 1 connection and ${fmt.ratio(cellOf('Workers', 'list open tickets', 16).rps / cellOf('Workers', FLOOR, 16).rps)} at 16,
details ${fmt.ratio(cellOf('Workers', 'ticket details', 1).rps / cellOf('Workers', FLOOR, 1).rps)} and ${fmt.ratio(cellOf('Workers', 'ticket details', 16).rps / cellOf('Workers', FLOOR, 16).rps)}. Between the floor and the list lie the session
check and the copies query in the same batch (a read transaction: three statements and its
begin and commit where the floor sends one), the token check, Hono's middleware, drizzle's
mapping, the summaries and a larger body; at 16 connections every process shares two cores,
so each of them shows. Not done, on purpose, as for Node: a cache of pages in memory, which
would measure the cache rather than the list.

**The 64-connection cell.** In the earlier run where ticket details at 64 connections counted
as a failure, nothing failed: no 5xx, no socket error, no timeout. At a load average of 41 each
request waited over a second in the queue, and the 2 s cell ended before most had their answer;
autocannon drops what is still in flight at the end, so the cell had 0 answers, which this
figure counts as a failure. Cells at 64 connections now last ${secondsAt(64)} s.

**A burst of writes.** ${BURST} ticket creates sent at once: ${burst.created} created, ${burst.refused} refused (503 or 429), ${burst.other} other answers. sqld answers \`SQLITE_BUSY\` to a write while another holds the write lock; the Worker's database client (\`edge/db/libsql-http-client.ts\`) sends such a request again after a short random pause, within the request's 10 s deadline.

**Failures under concurrency.** ${crossRequest ? 'In this run workerd logged "A promise was resolved or rejected from a different request context" and canceled requests as hung (500).' : 'This run logged no cross-request promise.'}

${markdownTable(
  [
    'runtime',
    'route',
    'connections',
    'req/s',
    'vs bare',
    'p50 ms',
    'p99 ms',
    'answered',
    'failures',
  ],
  results.map(({ runtime, route, result }) => [
    runtime,
    route,
    result.connections,
    fmt.rps(result.rps),
    route.startsWith('bare')
      ? '100%'
      : fmt.ratio(result.rps / bareOf(runtime, result.connections).rps),
    fmt.ms(result.p50),
    fmt.ms(result.p99),
    result.requests,
    result.failures,
  ]),
)}
`,
});
