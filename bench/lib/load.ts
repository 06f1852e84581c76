/**
 * @module
 * HTTP load with autocannon: requests per second and latency percentiles of one target, and the
 * ratio of a route's figures to the bare route measured in the same run.
 */
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

export const fmt = {
  rps: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1)),
  ratio: (n: number) => `${(n * 100).toFixed(1)}%`,
};
