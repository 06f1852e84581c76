/**
 * Screenshots of the main screens for docs/screenshots.md, at desktop width and at 360 px, taken from the
 * demo page in the system's Chromium (the same one the widget tests use) through puppeteer-core.
 * Starts the demo server on a fresh data folder, so the pictures always show the demo data.
 *
 *   npm run screenshots    (writes docs/screenshots/*.png)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const PORT = Number(process.env.SCREENSHOT_PORT ?? 8931);
const OUT = 'docs/screenshots';
const dataDir = mkdtempSync(join(tmpdir(), 'portal-screenshots-'));
const base = `http://localhost:${PORT}/`;

const server = spawn(process.execPath, ['--import', 'tsx', 'edge/node.ts'], {
  env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('Partner') && resolve());
  server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
});

const browser = await puppeteer.launch({
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

/** Logs the demo customer in through the login screen on the page. */
async function logIn(page) {
  await page.evaluate(() => {
    const screen = document
      .querySelector('support-portal')
      .shadowRoot.querySelector('sp-login-screen').shadowRoot;
    screen.querySelector('#email').value = 'ana.garcia@example.com';
    screen.querySelector('#password').value = 'demo-portal-2026';
    screen.querySelector('form').requestSubmit();
  });
}

/** Waits until the portal shows a screen whose shadow root contains the text. */
async function waitForScreen(page, text) {
  await page.waitForFunction(
    (expected) => {
      const portal = document.querySelector('support-portal');
      const screen = portal?.shadowRoot?.querySelector('.main > *');
      return screen?.shadowRoot?.textContent?.includes(expected);
    },
    { timeout: 15_000 },
    text,
  );
  // Let fonts and layout settle before the picture.
  await page.evaluate(() => document.fonts.ready);
}

/** Picks a language in the portal's menu and waits until the portal speaks it. */
async function chooseLanguage(page, language) {
  await page.evaluate((value) => {
    const select = document
      .querySelector('support-portal')
      .shadowRoot.querySelector('select[part="language"]');
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }, language);
  await page.waitForFunction(
    (value) =>
      document.querySelector('support-portal').shadowRoot.querySelector('.portal').lang === value,
    { timeout: 15_000 },
    language,
  );
  // The profile is saved after the switch; give that request time to finish.
  await page.waitForNetworkIdle();
}

/** Waits for a screen by its element, whatever the language. */
async function waitForTag(page, tag) {
  await page.waitForFunction(
    (expected) =>
      document.querySelector('support-portal')?.shadowRoot?.querySelector(`.main > ${expected}`),
    { timeout: 15_000 },
    tag,
  );
  await page.evaluate(() => document.fonts.ready);
}

async function shoot(page, name) {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  console.log(`${OUT}/${name}.png`);
}

const SHOTS = [
  ['login', 'sp/login', 'Contraseña'],
  ['home', 'sp/home', 'Registrar un nuevo ticket'],
  ['open-tickets', 'sp/tickets/open', 'Ticket 1002'],
  ['ticket-details', 'sp/ticket/1002', 'Historial'],
  ['new-ticket', 'sp/new-ticket', 'Registrar un nuevo ticket'],
];

mkdirSync(OUT, { recursive: true });
try {
  for (const [suffix, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['360', { width: 360, height: 780, deviceScaleFactor: 2 }],
  ]) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport(viewport);
    // The company's page is Spanish, and so is the reader the pictures imagine.
    await page.evaluateOnNewDocument(() =>
      Object.defineProperty(navigator, 'languages', { get: () => ['es-ES', 'es'] }),
    );
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.goto(`${base}#sp/login`);
    await waitForScreen(page, 'Contraseña');
    await shoot(page, `login-${suffix}`);
    await logIn(page);
    for (const [name, hash, text] of SHOTS.slice(1)) {
      await page.evaluate((target) => (location.hash = target), hash);
      await waitForScreen(page, text);
      await shoot(page, `${name}-${suffix}`);
    }
    // The same details in the dark scheme (the page follows it too).
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.evaluate(() => (location.hash = 'sp/ticket/1002'));
    await waitForScreen(page, 'Historial');
    await shoot(page, `ticket-details-dark-${suffix}`);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    // The partner intranet: another origin, another theme, the event log, its own user signed
    // in by single sign-on (never the login screen), Portuguese.
    await page.goto(`http://localhost:${PORT + 1}/`);
    await waitForTag(page, 'sp-home-screen');
    // The customer picks Portuguese in the portal (saved to her profile, so set back after).
    await chooseLanguage(page, 'pt');
    await shoot(page, `partner-home-${suffix}`);
    await chooseLanguage(page, 'es');
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
