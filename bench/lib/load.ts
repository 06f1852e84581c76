/**
 * @module
 * HTTP load with autocannon: requests per second and latency percentiles of one target, and the
 * ratio of a route's figures to the bare route measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';

export interface Target {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Paths to send in turn instead of the URL's own. */
  paths?: string[];
  /** The status every answer must have; anything else counts as an error. */
  expect?: number;
}

export interface LoadResult {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers with another status than expected, and socket errors or timeouts. */
  failures: number;
}

export async function load(
  target: Target,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const expect = target.expect ?? 200;
  let wrongStatus = 0;
  let sent = 0;
  const instance = autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
    timeout: 30,
    ...(target.paths && {
      requests: [
        {
          setupRequest: (request: Record<string, unknown>) => ({
            ...request,
            path: target.paths![sent++ % target.paths!.length],
          }),
        },
      ],
    }),
  });
  instance.on('response', (_client: unknown, statusCode: number) => {
    if (statusCode !== expect) {
      wrongStatus++;
      if (process.env.BENCH_DEBUG && wrongStatus === 1) console.log(`${target.url}: ${statusCode}`);
    }
  });
  const result = await instance;
  return {
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: wrongStatus + result.errors + result.timeouts,
  };
}

/**
 * Targets loaded in turns, round after round, each one's rounds then taken together (mean
 * requests per second, median latencies, all requests and failures): on a shared machine a burst
 * of other work then slows every target alike rather than the one it happened to meet. Each
 * waits for the machine to be idle, so that what a server still does after its cell (a queue,
 * a collection) does not fall into the next one.
 */
export async function loadInTurns(
  targets: Target[],
  connections: number,
  seconds: number,
  rounds: number,
): Promise<LoadResult[]> {
  const byTarget: LoadResult[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, target] of targets.entries()) {
      await machineIdle();
      byTarget[index]!.push(await load(target, connections, seconds));
    }
  }
  return byTarget.map(together);
}

/** The machine's busy and total CPU time so far, in clock ticks (`/proc/stat`). */
function machineTicks(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = ticks.map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - values[3]! - values[4]!, total };
}

/**
 * Resolves once the whole machine used under a tenth of one core for a quarter of a second (10 s
 * at most).
 */
export async function machineIdle(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const before = machineTicks();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = machineTicks();
    const cores = (after.busy - before.busy) / ((after.total - before.total) / cpus().length);
    if (cores < 0.1) return;
  }
}

/** The middle value (the upper one of an even count). */
export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function together(results: LoadResult[]): LoadResult {
  const sum = (pick: (result: LoadResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  return {
    connections: results[0]!.connections,
    rps: sum((result) => result.rps) / results.length,
    p50: median(results.map((result) => result.p50)),
    p99: median(results.map((result) => result.p99)),
    requests: sum((result) => result.requests),
    failures: sum((result) => result.failures),
  };
}

export const fmt = {
  rps: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1)),
  ratio: (n: number) => `${(n * 100).toFixed(1)}%`,
};
