/**
 * Figure 6: the Workers path. The list and details routes under wrangler's dev server (workerd)
 * with libSQL served over HTTP by sqld, next to the same routes on Node over a libSQL file, each
 * against a bare Hono route on its own runtime, all in the same run. The figure's text and
 * budgets are written by bench/lib/workers-figure.ts.
 *
 * Run alone: npm run bench:workers
 */
import { createClient, type InValue } from '@libsql/client';
import SyncDatabase from 'libsql';
import { startSqld } from '../tests/runtimes/support/sqld.ts';
import { withProductionDefaults } from '../tests/runtimes/support/production.ts';
import { startCountingProxy } from './lib/counting-proxy.ts';
import { buildWorker, startMillis } from './lib/worker-bundle.ts';
import { ROUTES, apiPath } from '../contract/routes.ts';
import { customerTargets, logIn, loginTarget, multipart } from './lib/customer.ts';
import { listStatements, pageQuery } from './lib/list-costs.ts';
import { copyOf, dataset } from './lib/dataset.ts';
import { fmt, load, loadInTurns, type Target } from './lib/load.ts';
import { say, saveFigure } from './lib/report.ts';
import {
  BARE,
  FLOOR,
  KEYED_CREATE,
  KEYED_REPLY,
  OTHER_READS,
  kb,
  timingsLine,
  workersFigure,
  type InspectorCell,
  type WorkersRun,
} from './lib/workers-figure.ts';
import {
  BENCH_TOKEN_SECRET,
  startNodeApi,
  startNodeBare,
  startWorkerDev,
  temporaryFolder,
} from './lib/servers.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
/**
 * Seconds per round and rounds, by connections. The cells run in turns, three rounds of
 * each, so that the same moment's noise meets the bare route and the portal's alike. At 64
 * connections one round three times longer: there, on a loaded machine, a Worker request waits
 * over a second in the queue, and a 2 s cell ended before most had an answer (autocannon drops
 * what is still in flight: no error, no answer, the cell read as failed).
 */
const ROUNDS = 3;
const turnsAt = (connections: number): [number, number] =>
  connections >= 64 ? [SECONDS * 3, 1] : [SECONDS, ROUNDS];
const CONNECTIONS = [1, 8, 16, 64];
/** Ticket creates sent at once to the Worker, as a burst of customers would. */
const BURST = 64;
/** Requests of each route whose database round trips are counted (the mean is printed). */
const COUNTED = 5;
const source = copyOf(await dataset(10), temporaryFolder('bench-workers-'));

// The Worker as deployed: its size and how long loading it takes, before any server starts.
const bundle = buildWorker(temporaryFolder('bench-worker-bundle-'));
const startMs = startMillis(bundle.file);
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

// The portal's Worker in production mode, over settings a production start accepts.
const portalVars = (libsqlUrl: string) =>
  withProductionDefaults({
    TOKEN_SECRET: BENCH_TOKEN_SECRET,
    ALLOWED_ORIGINS: 'http://localhost:8787',
    LIBSQL_URL: libsqlUrl,
  });
/** The portal's Worker under wrangler's dev server, its inspector off unless told. */
const startPortalWorker = (libsqlUrl: string, inspector = false) =>
  startWorkerDev({
    config: 'wrangler.toml',
    vars: portalVars(libsqlUrl),
    inspector,
    readyPath: '/api/config',
  });
const worker = await startPortalWorker(sqld.url);
// A second Worker whose database requests pass a counting proxy: each libSQL HTTP request
// through it is one round trip. Only counted requests go there; the load cells go straight to
// sqld, as a deployed Worker goes to Turso.
const proxy = await startCountingProxy(sqld.url);
const counted = await startPortalWorker(proxy.url);
const node = await startNodeApi({ database: source.file });
const nodeToken = await logIn(node.url, 0);
const listPath = (() => {
  const url = new URL(`${ROUTES.tickets}?state=open`, node.url);
  return url.pathname + url.search;
})();
// The floors run the list page's own query, as the portal sends it for this customer.
const page = pageQuery(await listStatements(source.file, listPath, nodeToken));
/** A Worker of `bench/servers/worker-bare.ts` with the given config. */
const startBareWorker = (config: string, inspector = false) =>
  startWorkerDev({
    config: `bench/servers/${config}`,
    vars: { LIBSQL_URL: sqld.url, FLOOR_SQL: page.sql, FLOOR_ARGS: JSON.stringify(page.args) },
    inspector,
    readyPath: '/bare',
  });
// With the portal's [assets] routing in front, as the portal's Worker has; and without it.
const workerBare = await startBareWorker('wrangler-bare.toml');
const workerBarePlain = await startBareWorker('wrangler-bare-plain.toml');
const nodeBare = await startNodeBare({ database: source.file, ...page });

const nodeRoutes = (await customerTargets(node.url, nodeToken)).targets;
/**
 * The customer's routes on a Worker, with the reply box's request (text only) and the other
 * screens' reads: search, the category menu, the account and home's counts.
 */
async function workerTargets(baseUrl: string) {
  const customer = await customerTargets(baseUrl, await logIn(baseUrl, 0));
  const read = (path: string): Target => ({
    url: new URL(path, baseUrl).href,
    headers: customer.auth,
  });
  customer.targets['search'] = read(`${ROUTES.ticketSearch}?q=ERP`);
  customer.targets['categories'] = read(ROUTES.categories);
  customer.targets['me'] = read(ROUTES.me);
  customer.targets['ticket counts'] = read(ROUTES.ticketCounts);
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
const cells: [string, string, Target][] = [
  ['Node', BARE, { url: new URL('/bare', nodeBare.url).href }],
  ['Node', FLOOR, { url: new URL('/floor', nodeBare.url).href }],
  ['Node', 'list open tickets', nodeRoutes['list open tickets']!],
  ['Node', 'ticket details', nodeRoutes['ticket details']!],
  ['Workers', BARE, { url: new URL('/bare', workerBare.url).href }],
  ['Workers', FLOOR, { url: new URL('/floor', workerBare.url).href }],
  ['Workers', 'list open tickets', workerRoutes['list open tickets']!],
  ['Workers', 'ticket details', workerRoutes['ticket details']!],
];
const results: WorkersRun['results'] = [];
const roundTrips: Record<string, number> = {};
const timing: WorkersRun['timing'] = {};
const burst = { created: 0, refused: 0, other: 0 };
const assetRouting: WorkersRun['assetRouting'] = {};
const inspector: InspectorCell[] = [];
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
    ...OTHER_READS.map((name): [string, () => Target] => [name, () => countedRoutes[name]!]),
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
  say(`time per request, of which database (ms, one at a time): ${timingsLine(timing)}`);

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
    const [plain, withAssets] = await loadInTurns(
      [
        { url: new URL('/bare', workerBarePlain.url).href },
        { url: new URL('/bare', workerBare.url).href },
      ],
      connections,
      SECONDS,
      2,
    );
    assetRouting[connections] = withAssets!.rps / plain!.rps;
    say(
      `workers bare route with [assets] routing vs without, c=${connections}: ${fmt.ratio(assetRouting[connections])}`,
    );
  }
  for (const connections of CONNECTIONS) {
    const targets = cells.map(([, , target]) => target);
    const measured = await loadInTurns(targets, connections, ...turnsAt(connections));
    for (const [index, [runtime, route]] of cells.entries()) {
      const result = measured[index]!;
      results.push({ runtime, route, result });
      say(
        `workers ${runtime} ${route} c=${connections}: ${fmt.rps(result.rps)} req/s, p50 ${fmt.ms(result.p50)} ms, p99 ${fmt.ms(result.p99)} ms, failures ${result.failures}`,
      );
    }
  }
  // What wrangler's devtools inspector costs: the same routes with and without it, in turns,
  // last, since an inspected Worker keeps every event it was sent while no devtools is attached.
  const inspected = await startPortalWorker(sqld.url, true);
  const inspectedBare = await startBareWorker('wrangler-bare.toml', true);
  const inspectedList = (await workerTargets(inspected.url))['list open tickets']!;
  const withAndWithout: [string, Target, Target][] = [
    [
      BARE,
      { url: new URL('/bare', workerBare.url).href },
      { url: new URL('/bare', inspectedBare.url).href },
    ],
    [
      FLOOR,
      { url: new URL('/floor', workerBare.url).href },
      { url: new URL('/floor', inspectedBare.url).href },
    ],
    ['list open tickets', workerRoutes['list open tickets']!, inspectedList],
  ];
  for (const [, , withIt] of withAndWithout) await load(withIt, 16, 1);
  for (const connections of [1, 16]) {
    for (const [route, without, withIt] of withAndWithout) {
      const [off, on] = await loadInTurns([without, withIt], connections, SECONDS, 2);
      inspector.push({ route, connections, without: off!.rps, with: on!.rps });
      say(
        `workers ${route} with the inspector vs without, c=${connections}: ${fmt.rps(on!.rps)} vs ${fmt.rps(off!.rps)} req/s`,
      );
    }
  }
  await Promise.all([inspected.stop(), inspectedBare.stop()]);
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

await saveFigure('6-workers', {
  order: 6,
  title: 'Workers path (wrangler dev, workerd, sqld) next to Node',
  command: 'npm run bench:workers',
  ...workersFigure({
    seconds: SECONDS,
    seconds64: turnsAt(64)[0],
    rounds: ROUNDS,
    connections: CONNECTIONS,
    counted: COUNTED,
    burstSize: BURST,
    bundle,
    startMs,
    roundTrips,
    timing,
    burst,
    assetRouting,
    inspector,
    results,
    crossRequest,
  }),
});
