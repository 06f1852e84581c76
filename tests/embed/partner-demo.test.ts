/**
 * The partner intranet demo, the React app `npm start` serves on the next port, in Chromium: the
 * portal (from the npm package, through `support-portal/react`) opens signed in by the
 * intranet's token, never showing login, and the intranet receives its events as React props.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PARTNER_USER } from '../../edge/demo/demo-data.ts';
import { demoAndChromium, waitForScreenText } from './demo-server.ts';

const demo = demoAndChromium();

test('the React intranet shows the portal signed in by single sign-on, with its events', async () => {
  const page = await demo.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const screens: string[] = [];
  await page.exposeFunction('recordScreen', (name: string) => screens.push(name));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('support-portal-navigate', (event) =>
      // @ts-expect-error: exposed by the test
      window.recordScreen((event as CustomEvent).detail.screen),
    );
  });
  await page.goto(`${demo.server.partner}/`);
  const home = await waitForScreenText(page, `Olá, ${DEMO_PARTNER_USER.name}`);
  assert.match(home, /Olá/);
  assert.deepEqual(screens, ['home']);
  const activity = await page.waitForFunction(
    () => document.querySelector('#activity')?.textContent?.includes('support-portal-login'),
    { timeout: 10_000 },
  );
  assert.ok(await activity.jsonValue());
  const logged = await page.$eval('#activity', (list) => list.textContent ?? '');
  assert.ok(logged.includes(DEMO_PARTNER_USER.email), logged);
  assert.deepEqual(errors, []);
});
