/**
 * The list route over HTTP next to its floor and the bare route (the cells of figure 3 that
 * matter for the list's own path), cells interleaved in rounds: requests per second, and each
 * server's CPU time per request, which a shared machine disturbs less. Quick to repeat while
 * changing the list's path. With `--perf` (needs `perf`: apt-get install linux-perf), the last
 * round also records each server with `perf` and prints where its CPU went, kernel included
 * (`lib/perf-split.ts`). Prints figures.
 *
 * Run alone: npx tsx bench/list-http.ts [rounds] [--perf]
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { copyOf, dataset } from './lib/dataset.ts';
import { logIn, customerTargets } from './lib/customer.ts';
import { listStatements, pageQuery } from './lib/list-costs.ts';
import { fmt, load, type Target } from './lib/load.ts';
import { perfSplit } from './lib/perf-split.ts';
import { say } from './lib/report.ts';
import { startNodeApi, startNodeBare, temporaryFolder } from './lib/servers.ts';

const ROUNDS = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 3);
const PERF = process.argv.includes('--perf');
const PERF_HZ = 999;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = [1, 16, 64];

const work = temporaryFolder('bench-list-http-');
const db = copyOf(await dataset(10), work);
// JIT frames named in /tmp/perf-<pid>.map, for perf.
const nodeFlags = PERF ? ['--perf-basic-prof'] : [];
const api = await startNodeApi({ database: db.file, nodeFlags });
const token = await logIn(api.url, 0);
const { targets, listUrl } = await customerTargets(api.url, token);
const listed = new URL(listUrl);
const page = pageQuery(await listStatements(db.file, listed.pathname + listed.search, token));
const bare = await startNodeBare({ database: db.file, ...page }, nodeFlags);

/** The process listening on the server's port. */
function pidOf(url: string): number {
  const listening = execFileSync('ss', ['-ltnpH', `sport = :${new URL(url).port}`]).toString();
  return Number(/pid=(\d+)/.exec(listening)![1]);
}

/** User and system CPU time of a process so far, in microseconds (clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

const cells: Record<string, Target & { pid: number }> = {
  bare: { url: new URL('/bare', bare.url).href, pid: pidOf(bare.url) },
  floor: { url: new URL('/floor', bare.url).href, pid: pidOf(bare.url) },
  list: { ...targets['list open tickets']!, pid: pidOf(api.url) },
};
// Warm up (JIT, caches) before anything is measured.
for (const cell of Object.values(cells)) await load(cell, 16, 2);
say(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);

/** One cell, its server recorded by perf meanwhile when asked. */
async function measure(name: string, connections: number, record: boolean) {
  const { pid } = cells[name]!;
  const file = join(work, `${name}.perf`);
  const perf =
    record &&
    spawn('perf', ['record', '-F', String(PERF_HZ), '-g', '-p', String(pid), '-o', file], {
      stdio: 'ignore',
    });
  const before = cpuMicros(pid);
  const result = await load(cells[name]!, connections, SECONDS);
  const cpu = (cpuMicros(pid) - before) / result.requests;
  if (perf) {
    const exited = new Promise((resolve) => perf.once('exit', resolve));
    perf.kill('SIGINT');
    await exited;
    const script = execFileSync('perf', ['script', '-i', file, '-F', 'tid,ip,sym,dso'], {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    const parts = perfSplit(script, result.requests, PERF_HZ);
    const total = parts.reduce((sum, part) => sum + part.user + part.kernel, 0);
    say(`perf ${name} c=${connections}: ${Math.round(total)} µs of CPU per request (main thread)`);
    for (const { part, user, kernel } of parts.filter((p) => p.user + p.kernel >= 1)) {
      say(`  ${part}: ${Math.round(user)} µs, kernel ${Math.round(kernel)} µs`);
    }
  }
  return { rps: result.rps, cpu };
}

for (let round = 1; round <= ROUNDS; round++) {
  for (const connections of CONNECTIONS) {
    const record = PERF && round === ROUNDS && connections === 64;
    const bareCell = await measure('bare', connections, record);
    const floor = await measure('floor', connections, record);
    const list = await measure('list', connections, record);
    say(
      `round ${round} c=${connections}: bare ${fmt.rps(bareCell.rps)}, floor ${fmt.rps(floor.rps)}, list ${fmt.rps(list.rps)} req/s (list/floor ${fmt.ratio(list.rps / floor.rps)}); server CPU per request: bare ${Math.round(bareCell.cpu)}, floor ${Math.round(floor.cpu)}, list ${Math.round(list.cpu)} µs (floor/list ${fmt.ratio(floor.cpu / list.cpu)})`,
    );
  }
}
say(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
await api.stop();
await bare.stop();
