/**
 * Widget tests in real Chromium (the system's, never a downloaded one) against a real edge API
 * started for the run (tests/widget/test-api.ts). Run through `npm run test:widget`, which loads
 * tsx so this config can import the TypeScript test server.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { startTestApi } from './tests/widget/test-api.ts';

/** A free port, so that several runs on one machine never collide. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const ALTCHA_WORKER = 'node_modules/altcha/dist/workers/pbkdf2.js';
const PORT = Number(process.env.WTR_PORT) || (await freePort());
let api;

export default {
  files: ['tests/widget/**/*.test.ts'],
  port: PORT,
  nodeResolve: true,
  concurrency: 4,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [
    // ALTCHA's stylesheet is imported as text, as the build does (altcha-loader.ts).
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: './tsconfig.json',
      loaders: { '.css': 'text' },
    }),
    {
      name: 'portal-test-api',
      async serverStart() {
        api = await startTestApi([`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`]);
      },
      async serverStop() {
        await api?.close();
      },
      /** The tests learn the API's address from this module. */
      serve(context) {
        if (context.path === '/__test-api.js') {
          return { body: `export const API = ${JSON.stringify(api.url)};`, type: 'js' };
        }
        // ALTCHA's worker, beside the loader as the build puts it.
        if (context.path === '/widget/components/altcha-pbkdf2.worker.js') {
          return { body: readFileSync(ALTCHA_WORKER, 'utf8'), type: 'js' };
        }
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-dev-shm-usage',
          // Test files run in parallel pages: none of them may be slowed down as a background tab.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
};
