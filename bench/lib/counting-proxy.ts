/**
 * @module
 * An HTTP proxy that counts the requests it forwards: put between the Worker and sqld, it
 * counts the database round trips a route costs (each libSQL HTTP request is one).
 */
import { createServer, request as forward, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Requests forwarded since the last `reset`. */
  readonly count: number;
  /** Milliseconds from each of those requests' arrival to its answer's end, summed. */
  readonly millis: number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let count = 0;
  let millis = 0;
  const server = createServer((incoming, outgoing) => {
    count++;
    const started = performance.now();
    outgoing.on('finish', () => (millis += performance.now() - started));
    const upstream = forward(
      {
        host: to.hostname,
        port: to.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: to.host },
        agent,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get count() {
      return count;
    },
    get millis() {
      return millis;
    },
    reset() {
      count = 0;
      millis = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
