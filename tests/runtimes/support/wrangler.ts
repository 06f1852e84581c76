/**
 * @module
 * The Worker under `wrangler dev --local` (workerd, R2 from wrangler's local simulation), with the
 * repository's own wrangler.toml; settings and secrets passed with `--var`, which win over any
 * `.dev.vars` a developer keeps; in production mode, over settings a production start accepts
 * (support/production.ts). Its state lives in a temporary folder of its own.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  childEnv,
  freePort,
  removeFolder,
  REPO_ROOT,
  startServer,
  temporaryFolder,
  type Server,
} from './processes.ts';
import { withProductionDefaults } from './production.ts';

const WRANGLER = join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** The R2 bucket bound as ATTACHMENTS in wrangler.toml. */
export const ATTACHMENTS_BUCKET = /^bucket_name\s*=\s*"([^"]+)"/m.exec(
  readFileSync(join(REPO_ROOT, 'wrangler.toml'), 'utf8'),
)![1]!;

export interface WranglerDev extends Server {
  /** The folder given to `--persist-to`: wrangler's local R2 lives under it. */
  readonly persistTo: string;
  /** An object of the local R2 bucket, read by wrangler itself; null when there is none. */
  r2Object(key: string): Promise<Uint8Array | null>;
}

export async function startWranglerDev(vars: Record<string, string>): Promise<WranglerDev> {
  const persistTo = temporaryFolder('portal-wrangler-');
  // wrangler.toml serves dist/ as assets, and wrangler refuses to start without the folder.
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  const port = await freePort();
  const inspectorPort = await freePort();
  const server = await startServer({
    command: process.execPath,
    args: [
      WRANGLER,
      'dev',
      '--local',
      '--ip=127.0.0.1',
      `--port=${port}`,
      `--inspector-port=${inspectorPort}`,
      `--persist-to=${persistTo}`,
      '--show-interactive-dev-session=false',
      // Serves `/__scheduled`, which runs the Worker's scheduled handler as the cron would.
      '--test-scheduled',
      ...Object.entries(withProductionDefaults(vars)).flatMap(([name, value]) => [
        '--var',
        `${name}:${value}`,
      ]),
    ],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/config',
  });
  return {
    ...server,
    persistTo,
    async r2Object(key) {
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            WRANGLER,
            'r2',
            'object',
            'get',
            `${ATTACHMENTS_BUCKET}/${key}`,
            '--local',
            `--persist-to=${persistTo}`,
            '--pipe',
          ],
          { cwd: REPO_ROOT, env: childEnv(), encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
        );
        return new Uint8Array(stdout);
      } catch (error) {
        if (/not found|does not exist/i.test(String((error as { stderr?: Buffer }).stderr))) {
          return null;
        }
        throw error;
      }
    },
    async stop() {
      await server.stop();
      removeFolder(persistTo);
    },
  };
}
