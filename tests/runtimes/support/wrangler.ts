/**
 * @module
 * The Worker under `wrangler dev --local` (edge/node/wrangler-dev.ts) for a runtime test: in
 * production mode, over settings a production start accepts (support/production.ts), its state
 * in a temporary folder of its own, and its local R2 readable through wrangler itself.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  childEnv,
  removeFolder,
  REPO_ROOT,
  temporaryFolder,
  type Server,
} from '../../../edge/node/child-servers.ts';
import { startWranglerDevServer, WRANGLER } from '../../../edge/node/wrangler-dev.ts';
import { withProductionDefaults } from './production.ts';

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

export async function startWranglerDev(
  vars: Record<string, string>,
  { testScheduled = true }: { testScheduled?: boolean } = {},
): Promise<WranglerDev> {
  const persistTo = temporaryFolder('portal-wrangler-');
  const server = await startWranglerDevServer({
    vars: withProductionDefaults(vars),
    persistTo,
    testScheduled,
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
