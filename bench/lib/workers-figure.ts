/**
 * @module
 * Figure 6's budgets and text, from what bench/workers.ts measured in one run.
 */
import { fmt, type LoadResult } from './load.ts';
import { markdownTable, type Budget } from './report.ts';
import { WORKER_GZIP_BUDGET, type WorkerBundle } from './worker-bundle.ts';

export const BARE = 'bare Hono JSON route';
export const FLOOR = 'floor: the page query alone, rows as JSON';
/** The widget sends an `Idempotency-Key` with each new ticket, reply and file. */
export const KEYED_CREATE = 'create a ticket (Idempotency-Key)';
export const KEYED_REPLY = 'reply (Idempotency-Key)';
const READS = ['list open tickets', 'ticket details'];
/** The other screens' reads, whose round trips are counted too. */
export const OTHER_READS = ['search', 'categories', 'me', 'ticket counts'];
const WRITES = ['create a ticket', 'add information', 'reply', 'log in'];
const KEYED = [KEYED_CREATE, KEYED_REPLY];

/** Requests per second of one route with wrangler's devtools inspector and without, in turns. */
export interface InspectorCell {
  route: string;
  connections: number;
  with: number;
  without: number;
}

export interface WorkersRun {
  /** Seconds per round of a load cell and rounds per cell; at 64 connections one longer round. */
  seconds: number;
  rounds: number;
  seconds64: number;
  connections: number[];
  /** Requests of each route whose round trips were counted. */
  counted: number;
  burstSize: number;
  bundle: WorkerBundle;
  /** Milliseconds a fresh Node process took to import the bundle. */
  startMs: number;
  /** Database round trips per request, by route. */
  roundTrips: Record<string, number>;
  /** Per counted request, one at a time: its whole time, and its database requests' time. */
  timing: Record<string, { requestMs: number; databaseMs: number }>;
  burst: { created: number; refused: number; other: number };
  /** A bare route's requests per second with the [assets] routing over without, by connections. */
  assetRouting: Record<number, number>;
  inspector: InspectorCell[];
  results: { runtime: string; route: string; result: LoadResult }[];
  /** Whether workerd logged a promise settled from another request's context. */
  crossRequest: boolean;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Each counted route's time per request, and in brackets its database requests' time, in ms. */
export const timingsLine = (timing: WorkersRun['timing']) =>
  Object.entries(timing)
    .map(([name, t]) => `${name} ${t.requestMs.toFixed(1)} (${t.databaseMs.toFixed(1)})`)
    .join(', ');

export function workersFigure(run: WorkersRun): { budgets: Budget[]; body: string } {
  const { results, roundTrips, burst, bundle } = run;
  const cellOf = (runtime: string, route: string, connections: number) =>
    results.find(
      (r) => r.runtime === runtime && r.route === route && r.result.connections === connections,
    )!.result;
  const bareOf = (runtime: string, connections: number) => cellOf(runtime, BARE, connections);
  const share = (route: string, connections: number) =>
    cellOf('Workers', route, connections).rps / bareOf('Workers', connections).rps;
  const ofFloor = (route: string, connections: number) =>
    cellOf('Workers', route, connections).rps / cellOf('Workers', FLOOR, connections).rps;
  const inspectorOf = (route: string, connections: number) =>
    run.inspector.find((cell) => cell.route === route && cell.connections === connections)!;
  // A cell where nothing was answered in time failed too, though autocannon counts no error.
  const workerFailures = results
    .filter((r) => r.runtime === 'Workers')
    .reduce((sum, r) => sum + r.result.failures + (r.result.requests === 0 ? 1 : 0), 0);
  const ratiosMet = READS.every((route) => [1, 16].every((n) => share(route, n) >= 0.3));
  const listWithInspector = (connections: number) =>
    inspectorOf('list open tickets', connections).with / inspectorOf(BARE, connections).with;

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
      what: `Workers: database round trips per read (${[...READS, ...OTHER_READS].join(', ')})`,
      budget: '<= 1',
      measured: [...READS, ...OTHER_READS].map((route) => roundTrips[route]).join(', '),
      met: [...READS, ...OTHER_READS].every((route) => roundTrips[route]! <= 1),
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
      what: `Workers: failed requests, every cell up to ${Math.max(...run.connections)} connections`,
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
      what: `Workers: ${run.burstSize} ticket creates at once, refused`,
      budget: '0',
      measured: `${burst.refused} (${burst.created} created, ${burst.other} other)`,
      met: burst.refused === 0 && burst.other === 0,
    },
  ];

  const body = `
The portal's Worker (\`edge/worker.ts\`) under wrangler's dev server (workerd, local R2), its
libSQL a real sqld over HTTP on the same machine, holding the same rows as the Node server's file
(the generated 1 000-ticket database, copied). The Workers baselines run in a Worker of their own
under the same dev server (\`bench/servers/worker-bare.ts\`): a bare Hono JSON route, and a floor
route that does the least a list can do on Workers, the list page's own query (as the portal sends
it for this customer) in one libSQL HTTP request to the same sqld on a resumed stream, as the
portal's client sends it, its values sent as JSON; the Node ones as in figure 3. All in one run,
the cells of one connection count in turns, ${run.rounds} rounds of ${run.seconds} s each (one
round of ${run.seconds64} s at 64 connections), requests per second the rounds' mean, latencies
their median; "vs bare" is against the bare route of the same runtime. The load cells' Worker talks to sqld directly, as a deployed Worker
talks to Turso. The round trips are counted on a second Worker of the same code whose database
requests pass a small counting proxy (\`bench/lib/counting-proxy.ts\`): each libSQL HTTP request
through it is one round trip.

**The dev server, without its devtools inspector.** Every Worker here is started through
wrangler's own API (\`unstable_startWorker\`, which \`wrangler dev\` runs: the same proxy in
front, workerd, \`[assets]\` routing and local R2) with its inspector off
(\`bench/servers/worker-dev.ts\`). \`wrangler dev\` always opens the inspector and enables its
Network domain; from then on workerd reports each request a Worker sends as several inspector
events, and wrangler's inspector proxy parses each one and posts a debug log of it to wrangler's
Node process (\`InspectorProxyWorker.ts\` in wrangler); with no devtools attached it also keeps
every event in memory until one is. A deployed Worker has no inspector, and a bare route sends no
request, so the inspector charged its cost to the portal alone. Measured last in this run, on
Workers of their own with the inspector on, in turns with the same routes without it:

${markdownTable(
  ['route', 'connections', 'without the inspector', 'with it', 'with / without'],
  run.inspector.map((cell) => [
    cell.route,
    cell.connections,
    fmt.rps(cell.without),
    fmt.rps(cell.with),
    fmt.ratio(cell.with / cell.without),
  ]),
)}

With the inspector on both, the list made ${fmt.ratio(listWithInspector(1))} of the bare route
at 1 connection and ${fmt.ratio(listWithInspector(16))} at 16. Earlier versions of this figure
(up to 2026-12-02 08:31 UTC) measured under \`wrangler dev\` with its inspector on, and took its
cost for the cost of a subrequest on Workers (about 2.5 ms of CPU in wrangler's Node process and
workerd per request at 16 connections, from \`/proc\`).

The baselines' Worker has the portal's \`[assets]\` routing in front of it, as the portal's
Worker has (\`bench/servers/wrangler-bare.toml\`): a bare route with it made
${fmt.ratio(run.assetRouting[1]!)} of the same route without it at 1 connection and
${fmt.ratio(run.assetRouting[16]!)} at 16 (measured in turns in this run). Before 2026-12-02 the
baselines ran without it, so every Workers ratio in earlier versions of this figure charged that
routing to the portal.

The Worker builds its app, routes, schemas, prepared queries and ports once per isolate, its
config parsed once per env (\`edge/worker.ts\`). Its database client is our own
(\`edge/db/libsql-http-client.ts\`, libSQL's HTTP protocol): it shares no promise between
requests (workerd refuses to resume a request on a promise another request's I/O settles), so
one serves the isolate, and it resumes streams earlier requests left open on the server, which
spares sqld opening a connection for each request. A read sends the session check with the
route's own queries in one libSQL batch (\`edge/db/reads.ts\`, \`customerReads\` in
\`edge/middleware/customer-auth.ts\`); details also read the reader's new-reply marker there,
and write it only when it moves.

**The bundle** (\`wrangler deploy --dry-run --outdir\`, \`bench/lib/worker-bundle.ts\`): ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzip; the same budget fails \`npm test\` (tests/bench/size-budget.test.ts). Loading it in a fresh Node process (a stand-in for an isolate's start, median of 5) took ${run.startMs.toFixed(0)} ms. The common-passwords list of \`@zxcvbn-ts/language-common\` (about 400 KB of it) is imported on the first password check, not at start.

**Database round trips per request** (${run.counted} requests of each, one at a time, after a first):
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
through the counting proxy (sqld included), in ms: ${timingsLine(run.timing)}. What changed, found with CPU
profiles of workerd through its inspector and of the same code in Node, and measured in the
same run against the previous code (those runs with the inspector on):
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
  1.2–1.7 ms). The client keeps streams per isolate and resumes them. List 16.7% → 21.4%
  at 1 connection, details 18.3% → 25.4%.
- Up to 16 streams kept, where 8 were: at 16 connections every other request opened and closed a
  stream of its own. sqld's CPU per list request at 16 connections went from 1.0–1.2 ms to
  0.7–0.8 ms, the list's requests per second from 28.6% and 32.6% of the bare route's to 31.9%
  and 37.6%, details' from 23.6% and 38.0% to 40.5% and 42.0% (CPU time per process from
  \`/proc\`, two runs of each, the inspector off).
- Statements stored on each kept stream (libSQL's \`store_sql\`) and sent by id: a list request
  sends 1.3 KB where it sent 4.5 KB, most of it SQL text. Two runs at 16 connections, two Workers
  side by side in turns: list 615 → 696 and 572 → 594 req/s (sqld's CPU per request 55 and 25 µs
  less), details 773 → 752 and 667 → 676 (no change beyond the noise).
- Shared with Node (figure 3): rows mapped by a mapper made once per query (\`edge/db/row-mapping.ts\`), summaries not copied, request variables read with \`c.get\`.
- Earlier (figure 6 before): \`keep_names = false\` (esbuild renamed every function made per
  request), drizzle without its relational schema, no \`--test-scheduled\` middleware in the
  benchmark's Worker.

Our own code's share is now small: the Worker's JavaScript for a list request, its database
answers replayed in Node (same V8), costs about 1 ms of CPU (Hono, the session check's reads,
drizzle's mapping, the summaries, JSON), details about 0.8 ms.

**${ratiosMet ? 'The ratio budgets are met.' : 'Why the ratio budgets are not met.'}** The floor route made ${fmt.ratio(share(FLOOR, 1))} of the
bare route at 1 connection and ${fmt.ratio(share(FLOOR, 16))} at 16${floorVerdict(share(FLOOR, 1), share(FLOOR, 16))}. The list reached ${fmt.ratio(ofFloor('list open tickets', 1))} of the floor's throughput at 1 connection and ${fmt.ratio(ofFloor('list open tickets', 16))} at 16,
details ${fmt.ratio(ofFloor('ticket details', 1))} and ${fmt.ratio(ofFloor('ticket details', 16))}. Between the floor and the list lie the session
check and the copies query in the same batch (a read transaction: three statements and its
begin and commit where the floor sends one), the token check, Hono's middleware, drizzle's
mapping, the summaries and a larger body; at 16 connections every process shares two cores,
so each of them shows. What is left of the floor is the platform: the request passes workerd's
network stack and miniflare's outbound worker (\`strip-cf-connecting-ip\`, which every local
Worker's \`fetch\` goes through), then sqld answers in about 2–4 ms on this machine (a trivial
\`SELECT 1\` from Node: about 2 ms, 0.4–0.6 ms of it sqld's CPU); the bare route does none of it.
Not done, on purpose, as for Node: a cache of pages in memory, which would measure the cache
rather than the list.

**The 64-connection cell.** In the earlier run where ticket details at 64 connections counted
as a failure, nothing failed: no 5xx, no socket error, no timeout. At a load average of 41 each
request waited over a second in the queue, and the 2 s cell ended before most had their answer;
autocannon drops what is still in flight at the end, so the cell had 0 answers, which this
figure counts as a failure. Cells at 64 connections now last ${run.seconds64} s.

**A burst of writes.** ${run.burstSize} ticket creates sent at once: ${burst.created} created, ${burst.refused} refused (503 or 429), ${burst.other} other answers. sqld answers \`SQLITE_BUSY\` to a write while another holds the write lock; the Worker's database client (\`edge/db/libsql-http-client.ts\`) sends such a request again after a short random pause, within the request's 10 s deadline.

**Failures under concurrency.** ${run.crossRequest ? 'In this run workerd logged "A promise was resolved or rejected from a different request context" and canceled requests as hung (500).' : 'This run logged no cross-request promise.'}

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
    route === BARE ? '100%' : fmt.ratio(result.rps / bareOf(runtime, result.connections).rps),
    fmt.ms(result.p50),
    fmt.ms(result.p99),
    result.requests,
    result.failures,
  ]),
)}
`;
  return { budgets, body };
}

/** What the floor's share of the bare route, at 1 and 16 connections, leaves a list. */
function floorVerdict(atOne: number, atSixteen: number): string {
  const verdicts = [
    [1, atOne],
    [16, atSixteen],
  ].map(([connections, floor]) =>
    floor! < 0.3
      ? `at ${connections}, one database request from a Worker already costs more than the budget allows a whole list`
      : `at ${connections}, a list meets the budget from ${fmt.ratio(0.3 / floor!)} of the floor's throughput`,
  );
  return `: ${verdicts.join('; ')}`;
}
