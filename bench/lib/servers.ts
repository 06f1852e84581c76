/**
 * @module
 * Starting the servers a figure measures, as child processes of their own (reusing the runtime
 * tests' process handling: own process group, stopped on exit, folders removed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  startServer,
  temporaryFolder,
  type Server,
} from '../../edge/node/child-servers.ts';
import { REPO_ROOT } from './paths.ts';

export { freePort, temporaryFolder, type Server };

/** A secret for the benchmark's tokens, the same for every server of one run. */
export const BENCH_TOKEN_SECRET = `bench-${crypto.randomUUID()}-${crypto.randomUUID()}`;

export interface NodeServerOptions {
  /** The libSQL file to serve. */
  database: string;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  env?: Record<string, string>;
}

/** The portal on Node over a libSQL file, attachments in a fresh folder. */
export async function startNodeApi(options: NodeServerOptions): Promise<Server> {
  const port = await freePort();
  return startServer({
    command: process.execPath,
    args: [
      ...(options.nodeFlags ?? []),
      '--import',
      'tsx',
      join(REPO_ROOT, 'bench/servers/node-api.ts'),
    ],
    env: {
      PORT: String(port),
      LIBSQL_URL: `file:${options.database}`,
      ATTACHMENTS_DIR: temporaryFolder('bench-attachments-'),
      TOKEN_SECRET: BENCH_TOKEN_SECRET,
      ALLOWED_ORIGINS: 'http://localhost:8787',
      ...options.env,
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/config',
  });
}

/** A statement as the portal sends it, for the floor route. */
export interface FloorQuery {
  database: string;
  sql: string;
  args: unknown[];
}

/**
 * The baselines on Node: GET /bare, and GET /floor when given the list page's query (see
 * `bench/servers/node-bare.ts`).
 */
export async function startNodeBare(floor?: FloorQuery, nodeFlags: string[] = []): Promise<Server> {
  const port = await freePort();
  return startServer({
    command: process.execPath,
    args: [...nodeFlags, '--import', 'tsx', join(REPO_ROOT, 'bench/servers/node-bare.ts')],
    env: {
      PORT: String(port),
      ...(floor && {
        FLOOR_DATABASE: floor.database,
        FLOOR_SQL: floor.sql,
        FLOOR_ARGS: JSON.stringify(floor.args),
      }),
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/bare',
  });
}

export interface WorkerDevOptions {
  /** A wrangler.toml, relative to the repository. */
  config: string;
  /** Plain-text vars over the config's. */
  vars: Record<string, string>;
  /**
   * With wrangler's devtools inspector, as `wrangler dev` always has it
   * (bench/servers/worker-dev.ts).
   */
  inspector: boolean;
  /** Polled until it answers at all. */
  readyPath: string;
}

/** A Worker under wrangler's dev server, its local state in a fresh folder. */
export async function startWorkerDev(options: WorkerDevOptions): Promise<Server> {
  // A wrangler.toml with [assets] refuses a missing folder, and a clean clone has no dist/.
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  const port = await freePort();
  return startServer({
    command: process.execPath,
    args: ['--import', 'tsx', join(REPO_ROOT, 'bench/servers/worker-dev.ts')],
    env: {
      WORKER_CONFIG: join(REPO_ROOT, options.config),
      PORT: String(port),
      PERSIST_TO: temporaryFolder('bench-worker-'),
      WORKER_VARS: JSON.stringify(options.vars),
      INSPECTOR: options.inspector ? 'on' : 'off',
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: options.readyPath,
  });
}

export interface Usage {
  maxRssBytes: number;
  rssBytes: number;
  cpuMicros: number;
}

/** The server's peak memory and CPU time so far (the portal on Node only). */
export async function usage(server: Server): Promise<Usage> {
  return (await (
    await fetchAgain(() => fetch(new URL('/__bench/usage', server.url)))
  ).json()) as Usage;
}

/**
 * Load on a server and the server's own CPU time per request: on a shared machine the CPU a
 * request costs is steadier than the requests per second it gets.
 */
export async function measured<T extends { requests: number }>(
  server: Server,
  run: () => Promise<T>,
): Promise<T & { cpuMicrosPerRequest: number }> {
  const before = await usage(server);
  const result = await run();
  const after = await usage(server);
  // The two usage requests themselves cost next to nothing against thousands of requests.
  return { ...result, cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / result.requests };
}

/**
 * `fetch` that tries once more when the server had closed the kept-alive connection just as it
 * was reused (after a long pause, such as a few log ins' password hashes).
 */
export async function fetchAgain(make: () => Promise<Response>): Promise<Response> {
  try {
    return await make();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return make();
  }
}
