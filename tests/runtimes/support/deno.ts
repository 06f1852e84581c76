/**
 * @module
 * The API under `deno serve edge/deno.ts`, with only the permissions it needs: the network on
 * loopback, reading the repository, reading and writing its attachments folder.
 */
import { join } from 'node:path';
import {
  freePort,
  removeFolder,
  REPO_ROOT,
  startServer,
  temporaryFolder,
  type Server,
} from '../../../edge/node/child-servers.ts';
import { withProductionDefaults } from './production.ts';

export interface DenoServer extends Server {
  /** The folder ATTACHMENTS_DIR points at. */
  readonly attachmentsDir: string;
}

/** `prepare` may put files in the attachments folder before Deno starts. */
export async function startDenoServe(
  env: Record<string, string>,
  prepare?: (attachmentsDir: string) => void,
): Promise<DenoServer> {
  const attachmentsDir = temporaryFolder('portal-deno-');
  prepare?.(attachmentsDir);
  const port = await freePort();
  const server = await startServer({
    command: join(REPO_ROOT, 'node_modules/.bin/deno'),
    args: [
      'serve',
      // Every variable, not a list: a dependency (`debug`) enumerates the whole environment.
      '--allow-env',
      '--allow-net=127.0.0.1',
      `--allow-read=${REPO_ROOT},${attachmentsDir}`,
      `--allow-write=${attachmentsDir}`,
      '--host=127.0.0.1',
      `--port=${port}`,
      'edge/deno.ts',
    ],
    env: { ...withProductionDefaults(env), ATTACHMENTS_DIR: attachmentsDir },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/config',
  });
  return {
    ...server,
    attachmentsDir,
    async stop() {
      await server.stop();
      removeFolder(attachmentsDir);
    },
  };
}
