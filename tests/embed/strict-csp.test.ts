/**
 * The portal on a page served with the strict policy of edge/node/strict-csp-demo.ts (no inline
 * script or style, `worker-src 'self'`, Trusted Types required), in Chromium: a customer logs
 * in, creates a ticket, sees an image's preview in a ticket's conversation, logs out and opens
 * the forgotten-password screen, whose ALTCHA captcha solves itself; the page reports no
 * Content Security Policy violation at all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import { DEMO_LOGIN } from '../../edge/demo/demo-data.ts';
import { STRICT_CSP } from '../../edge/node/strict-csp-demo.ts';
import { demoAndChromium, fileDemoTicket, waitForScreenText } from './demo-server.ts';

const demo = demoAndChromium();

/** A 1 x 1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The demo customer's new ticket with an image attached, as another tab of theirs would. */
async function ticketWithImage(site: string): Promise<number> {
  const login = await fetch(`${site}${ROUTES.session}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_LOGIN),
  });
  const { token } = (await login.json()) as { token: string };
  const form = new FormData();
  form.set('category', 'software.erp.error');
  form.set('urgency', 'low');
  form.set('description', 'Captura del error 4012.');
  form.set('file', new File([PNG], 'captura.png', { type: 'image/png' }));
  const created = await fetch(`${site}${ROUTES.tickets}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  assert.equal(created.status, 201, await created.clone().text());
  return ((await created.json()) as { number: number }).number;
}

test('login, a new ticket and the captcha under a strict CSP with Trusted Types: no violation', async () => {
  const page = await demo.browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text()))
      violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`pageerror: ${String(error)}`));
  await page.exposeFunction('reportViolation', (line: string) => violations.push(line));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        // @ts-expect-error: exposed by the test
        window.reportViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
      true,
    );
  });
  const response = await page.goto(`${demo.server.site}/strict/`);
  assert.equal(response!.headers()['content-security-policy'], STRICT_CSP);

  await waitForScreenText(page, 'Entrar');
  await fileDemoTicket(page, 'El ERP muestra el error 4012 al facturar.');

  // A ticket with an image, made through the API: its preview shows in the conversation.
  const number = await ticketWithImage(demo.server.site);
  await page.evaluate(
    (n) => document.querySelector('support-portal')!.open('ticket', { number: n }),
    number,
  );
  await page.waitForFunction(
    () => {
      const thread = document
        .querySelector('support-portal')
        ?.shadowRoot?.querySelector('.main > *')
        ?.shadowRoot?.querySelector('sp-ticket-thread')?.shadowRoot;
      const image = thread?.querySelector('img');
      return Boolean(image?.complete && image.naturalWidth > 0);
    },
    { timeout: 20_000 },
  );

  await page.evaluate(() => document.querySelector('support-portal')!.logout());
  await waitForScreenText(page, 'Entrar');
  await page.goto(`${demo.server.site}/strict/#sp/forgot-password`);
  await waitForScreenText(page, 'contraseña');
  // The captcha solved its challenge in its worker: ALTCHA shows itself verified.
  await page.waitForFunction(
    () => {
      const screen = document
        .querySelector('support-portal')
        ?.shadowRoot?.querySelector('.main > *')?.shadowRoot;
      const captcha = screen?.querySelector('sp-captcha') as { payload?: string | null } | null;
      return Boolean(captcha?.payload);
    },
    { timeout: 60_000 },
  );
  assert.deepEqual(violations, []);
});
