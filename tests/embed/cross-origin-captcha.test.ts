/**
 * The widget served from another origin than the page, as deployed (the page on the company's
 * site, the widget on the API's Worker), in Chromium under a strict policy naming that origin:
 * the captcha still solves its challenge, although a browser starts no worker from another
 * origin's URL (altcha-loader.ts then starts it from a `blob:` of the page's that imports the
 * file, which is why such a page needs `worker-src blob:`), with no violation.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { launchChromium, startDemoServer, type DemoServer } from './demo-server.ts';

let server: DemoServer;
let company: Server;
let companyOrigin: string;
let browser: Browser;

/** The company's page: the widget and the API on `widget`'s origin, nothing inline. */
function hostPolicy(widget: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${widget}`,
    `connect-src ${widget}`,
    "img-src 'self' blob:",
    'worker-src blob:',
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html svelte-trusted-html support-portal',
  ].join('; ');
}

before(async () => {
  // The company's site: one page that embeds the widget from the portal's origin.
  company = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': hostPolicy(server.site),
    });
    response.end(`<!doctype html><html lang="es"><head><meta charset="utf-8" />
      <script type="module" src="${server.site}/dist/support-portal.js"></script></head>
      <body><support-portal api="${server.site}" lang="es" routing="hash"></support-portal>
      </body></html>`);
  });
  await new Promise<void>((resolve) => company.listen(0, '127.0.0.1', resolve));
  companyOrigin = `http://localhost:${(company.address() as AddressInfo).port}`;
  server = await startDemoServer({ ALLOWED_ORIGINS: companyOrigin });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => company?.close(resolve));
});

test('a page of another origin than the widget: the captcha solves itself, no violation', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) problems.push(message.text());
  });
  await page.exposeFunction('reportViolation', (line: string) => problems.push(line));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        // @ts-expect-error: exposed by the test
        window.reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
      true,
    );
  });
  await page.goto(`${companyOrigin}/support#sp/forgot-password`);
  assert.notEqual(new URL(server.site).origin, companyOrigin);
  await page.waitForFunction(
    () => {
      const forgot = document
        .querySelector('support-portal')
        ?.shadowRoot?.querySelector('sp-forgot-password-screen')?.shadowRoot;
      const captcha = forgot?.querySelector('sp-captcha') as { payload?: string | null } | null;
      return Boolean(captcha?.payload);
    },
    { timeout: 60_000 },
  );
  assert.deepEqual(problems, []);
});
