/**
 * @module
 * `npm start`'s servers (edge/node.ts: the API with the demo pages, and the partner intranet on
 * the next port) on a fresh data folder and free ports, and the system's Chromium through
 * puppeteer-core, for the embedding tests that load the demo pages as a visitor would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { DEMO_LOGIN } from '../../edge/demo/demo-data.ts';

export interface DemoServer {
  /** The API and the demo pages, e.g. `http://localhost:41234`. */
  site: string;
  /** The partner intranet demo (another origin). */
  partner: string;
  close(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose next one is free too. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await portFree(port)) && (await portFree(port + 1))) return port;
  }
}

/** `env`: settings of one test's own, over the demo's. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-embed-'));
  const port = await freePortPair();
  const server = spawn(process.execPath, ['--import', 'tsx', 'edge/node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ENVIRONMENT: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (chunk) => String(chunk).includes('Partner') && resolve());
    server.once('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
  return {
    site: `http://localhost:${port}`,
    partner: `http://localhost:${port + 1}`,
    async close() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill();
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo servers and Chromium for one test file: started before its tests, stopped after. */
export function demoAndChromium(): { server: DemoServer; browser: Browser } {
  const demo = {} as { server: DemoServer; browser: Browser };
  before(async () => {
    demo.server = await startDemoServer();
    demo.browser = await launchChromium();
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.close();
  });
  return demo;
}

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The text of the screen `<support-portal>` shows, once it contains `expected`. */
export async function waitForScreenText(page: Page, expected: string): Promise<string> {
  const handle = await page.waitForFunction(
    (text) => {
      const screen = document
        .querySelector('support-portal')
        ?.shadowRoot?.querySelector('.main > *');
      const shown = screen?.shadowRoot?.textContent ?? screen?.textContent ?? '';
      return shown.replace(/\s+/g, ' ').includes(text) ? shown.replace(/\s+/g, ' ') : false;
    },
    { timeout: 20_000 },
    expected,
  );
  return (await handle.jsonValue()) as string;
}

/** A control of the screen `<support-portal>` shows, found by a selector in that screen. */
export async function screenControl(
  page: Page,
  selector: string,
): Promise<ElementHandle<HTMLElement>> {
  const handle = await page.evaluateHandle(
    (css) =>
      document
        .querySelector('support-portal')!
        .shadowRoot!.querySelector('.main > *')!
        .shadowRoot!.querySelector<HTMLElement>(css)!,
    selector,
  );
  return handle as ElementHandle<HTMLElement>;
}

/**
 * From the login screen: logs the demo customer in and files an ERP ticket prefilled through
 * the host API, typing and clicking as a visitor would (no eval, so a strict policy allows it).
 */
export async function fileDemoTicket(page: Page, description: string): Promise<void> {
  await (await screenControl(page, '#email')).type(DEMO_LOGIN.email);
  await (await screenControl(page, '#password')).type(DEMO_LOGIN.password);
  await (await screenControl(page, 'button[type="submit"]')).click();
  await waitForScreenText(page, 'Hola');
  await page.evaluate(
    (text) =>
      document.querySelector('support-portal')!.prefill({
        category: 'software.erp.error',
        urgency: 'medium',
        description: text,
      }),
    description,
  );
  await waitForScreenText(page, 'Urgencia');
  await (await screenControl(page, 'button[type="submit"]')).click();
  await waitForScreenText(page, 'Ticket registrado');
}
