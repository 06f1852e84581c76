/**
 * @module
 * The Worker under `wrangler dev --local` (workerd, R2 from wrangler's local simulation) with the
 * repository's wrangler.toml, for the runtime tests, the Workers bench and `npm run dev:workers`.
 * Settings and secrets are passed with `--var`, which win over wrangler.toml's `[vars]` and any
 * `.dev.vars` a developer keeps. Node only.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, REPO_ROOT, startServer, type Server } from './child-servers.ts';

export const WRANGLER = join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js');

export interface WranglerDevOptions {
  vars: Record<string, string>;
  /** The folder given to `--persist-to`: wrangler's local R2 lives under it. */
  persistTo: string;
  /** A free one when not given. */
  port?: number;
  /**
   * A dotenv file of secrets (`--env-file`), kept off the command line, where any local user
   * could read them; wrangler then ignores a developer's `.dev.vars`.
   */
  envFile?: string;
  /** Static assets to serve instead of wrangler.toml's dist/ (the API still first for /api/*). */
  assets?: string;
  echo?: boolean;
  /** Without `--test-scheduled`, whose middleware a deployed Worker lacks (the benchmarks). */
  testScheduled?: boolean;
}

/** Starts `wrangler dev`; resolves once the Worker answers `GET /api/config`. */
export async function startWranglerDevServer(options: WranglerDevOptions): Promise<Server> {
  // wrangler.toml serves dist/ as assets, and wrangler refuses to start without the folder.
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  const port = options.port ?? (await freePort());
  const inspectorPort = await freePort();
  return startServer({
    command: process.execPath,
    args: [
      WRANGLER,
      'dev',
      '--local',
      '--ip=127.0.0.1',
      `--port=${port}`,
      `--inspector-port=${inspectorPort}`,
      `--persist-to=${options.persistTo}`,
      '--show-interactive-dev-session=false',
      // Serves `/__scheduled`, which runs the Worker's scheduled handler as the cron would.
      ...(options.testScheduled === false ? [] : ['--test-scheduled']),
      ...(options.assets ? [`--assets=${options.assets}`] : []),
      ...(options.envFile ? [`--env-file=${options.envFile}`] : []),
      ...Object.entries(options.vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/config',
    echo: options.echo,
  });
}
