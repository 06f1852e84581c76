/**
 * `npm run dev:workers` (edge/scripts/dev-workers.ts) as a developer runs it, on a fresh data
 * folder: the demo page and the widget come from wrangler's asset server, a demo customer logs
 * in and creates a ticket through the widget in Chromium, the acknowledgement shows in the
 * page's development outbox and is sent by the scheduled job as an info line of wrangler's log
 * (no error block); Ctrl-C stops wrangler and sqld.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { ROUTES } from '../../contract/routes.ts';
import { DEMO_LOGIN } from '../../edge/demo/demo-data.ts';
import {
  freePort,
  REPO_ROOT,
  startServer,
  temporaryFolder,
  type Server,
} from '../../edge/node/child-servers.ts';
import { STRICT_CSP } from '../../edge/node/strict-csp-demo.ts';
import { JOB_CRON, RETENTION_CRON } from '../../edge/workers/crons.ts';
import { fileDemoTicket, launchChromium, waitForScreenText } from '../embed/demo-server.ts';

let devWorkers: Server;
let browser: Browser;
let sqldUrl: string;

before(async () => {
  // `npm run dev:workers` builds the widget first; `npm test` has built it already.
  if (!existsSync(join(REPO_ROOT, 'dist/support-portal.js'))) {
    execFileSync(process.execPath, ['scripts/build-widget.mjs'], { cwd: REPO_ROOT });
  }
  const port = await freePort();
  devWorkers = await startServer({
    command: process.execPath,
    // As the npm script runs it: through tsx's CLI, which relays Ctrl-C to its child.
    args: ['node_modules/tsx/dist/cli.mjs', 'edge/scripts/dev-workers.ts'],
    env: {
      DATA_DIR: temporaryFolder('portal-dev-workers-'),
      PORT: String(port),
      JOB_INTERVAL_SECONDS: '1',
    },
    url: `http://localhost:${port}`,
    readyPath: ROUTES.config,
    startTimeoutMs: 120_000,
  });
  await devWorkers.waitForOutput(/Demo login: /);
  sqldUrl = /libSQL server \(sqld\): (\S+)/.exec(devWorkers.output())![1]!;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await devWorkers?.stop();
});

test('it prints the URL, the demo login and the outbox', () => {
  const output = devWorkers.output();
  assert.match(output, new RegExp(`at ${devWorkers.url}/\n`));
  assert.match(output, new RegExp(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`));
  assert.match(output, new RegExp(`Mail outbox: ${devWorkers.url}/dev/outbox`));
});

test('wrangler serves the demo page and the widget as assets, with their content types', async () => {
  const page = await fetch(`${devWorkers.url}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await page.text(), /<support-portal api="" routing="hash" id="portal">/);

  const widget = await fetch(`${devWorkers.url}/dist/support-portal.js`);
  assert.equal(widget.status, 200);
  assert.equal(widget.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(
    await widget.text(),
    readFileSync(join(REPO_ROOT, 'dist/support-portal.js'), 'utf8'),
  );

  const theming = await fetch(`${devWorkers.url}/theming/`);
  assert.equal(theming.status, 200);
  assert.match(await theming.text(), /<support-portal/);
  const strict = await fetch(`${devWorkers.url}/strict/`);
  assert.equal(strict.status, 200);
  assert.equal(strict.headers.get('content-security-policy'), STRICT_CSP);
});

/** The demo page's outbox list, once one of its messages matches `pattern`. */
async function outboxEntry(page: Page, pattern: RegExp): Promise<string> {
  await page.click('#outbox-refresh');
  const handle = await page.waitForFunction(
    (source) =>
      [...document.querySelectorAll('#outbox li')]
        .map((item) => (item as HTMLElement).innerText.replace(/\s+/g, ' '))
        .find((text) => new RegExp(source).test(text)) ?? false,
    { timeout: 30_000, polling: 500 },
    pattern.source,
  );
  return (await handle.jsonValue()) as string;
}

test('the demo customer logs in and creates a ticket; its acknowledgement shows in the outbox and is sent', async () => {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${devWorkers.url}/`);
  // In the browser's language (English) until the customer logs in, then in hers (Spanish).
  await waitForScreenText(page, 'Sign in');
  await fileDemoTicket(page, 'El ERP muestra el error 4012 al facturar en el Worker.');

  const acknowledgement = await outboxEntry(
    page,
    new RegExp(`Para ${DEMO_LOGIN.email} .* Hemos recibido su ticket \\d+`),
  );
  const subject = /Hemos recibido su ticket \d+/.exec(acknowledgement)![0];
  const number = subject.split(' ').pop()!;
  // The ticket the portal shows is the one the mail acknowledges.
  await waitForScreenText(page, number);
  // The scheduled job, fired every second by the script, sends it through the console mailer.
  await outboxEntry(page, new RegExp(`· sent ${subject}`));
  await devWorkers.waitForOutput(new RegExp(`\\[mail\\] to ${DEMO_LOGIN.email}: ${subject}`));
  const mailLine = devWorkers
    .output()
    .split('\n')
    .find((line) => line.includes(`[mail] to ${DEMO_LOGIN.email}: ${subject}`))!;
  assert.doesNotMatch(mailLine, /ERROR/);
  assert.doesNotMatch(devWorkers.output(), /✘|\[ERROR\]/);
  // No link to the partner intranet demo, which only `npm start` serves.
  assert.equal(await page.$('#partner-link'), null);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test("wrangler.toml's Cron Triggers are the ones the Worker and the script know", () => {
  const toml = readFileSync(join(REPO_ROOT, 'wrangler.toml'), 'utf8');
  assert.deepEqual(JSON.parse(/^crons = (\[.*\])$/m.exec(toml)![1]!), [JOB_CRON, RETENTION_CRON]);
});

test('Ctrl-C stops wrangler and sqld', async () => {
  await devWorkers.stop('SIGINT');
  const answers = (url: string) =>
    fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      () => false,
    );
  assert.equal(await answers(`${devWorkers.url}${ROUTES.config}`), false);
  assert.equal(await answers(`${sqldUrl}/health`), false);
});
