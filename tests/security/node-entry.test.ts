/**
 * The Node entry point itself (edge/node.ts in its own process): the API it serves beside the
 * demo pages answers unknown routes and methods in its JSON error format.
 */
import { after, before, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import {
  freePort,
  removeFolder,
  startServer,
  temporaryFolder,
  type Server,
} from '../../edge/node/child-servers.ts';
import { assertUnknownRoutes } from '../runtimes/support/unknown-routes.ts';

const dataDir = temporaryFolder('portal-node-entry-');
let server: Server | undefined;
before(async () => {
  const port = await freePort();
  server = await startServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'edge/node.ts'],
    env: { DATA_DIR: dataDir, PORT: String(port), PBKDF2_ITERATIONS: '10000' },
    url: `http://127.0.0.1:${port}`,
    readyPath: ROUTES.config,
  });
});
after(async () => {
  await server?.stop();
  removeFolder(dataDir);
});

test('unknown API routes and methods answer the JSON error with its code', async () => {
  await assertUnknownRoutes(server!.url);
});
