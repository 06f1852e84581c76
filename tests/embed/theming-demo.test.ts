/**
 * The theming demo page (demo/theming/), in Chromium as a visitor sees it: its stylesheet's
 * `support-portal::part(...)` rules reach elements inside the screens, and its colours follow
 * the system's scheme, the `-dark` ones in dark mode.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { DEMO_LOGIN } from '../../edge/demo/demo-data.ts';
import { demoAndChromium, waitForScreenText } from './demo-server.ts';

const demo = demoAndChromium();

/** Computed styles of an element found by a selector in each shadow root along the way. */
function styleAt(page: Page, path: string[], properties: string[]): Promise<string[]> {
  return page.evaluate(
    (path, properties) => {
      let node: Element | null = document.querySelector('support-portal');
      for (const selector of path) node = node?.shadowRoot?.querySelector(selector) ?? null;
      if (!node) throw new Error(`nothing at ${path.join(' > ')}`);
      const style = getComputedStyle(node);
      return properties.map((property) => style.getPropertyValue(property));
    },
    path,
    properties,
  );
}

test('the demo page restyles the portal through ::part and its -dark colours', async () => {
  const page = await demo.browser.newPage();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.goto(`${demo.server.site}/theming/`);
  await waitForScreenText(page, 'Entrar');
  await page.evaluate(({ email, password }) => {
    const screen = document
      .querySelector('support-portal')!
      .shadowRoot!.querySelector('.main > *')!.shadowRoot!;
    screen.querySelector<HTMLInputElement>('#email')!.value = email;
    screen.querySelector<HTMLInputElement>('#password')!.value = password;
    screen.querySelector('form')!.requestSubmit();
  }, DEMO_LOGIN);
  await waitForScreenText(page, 'Hola');
  await page.evaluate(() => document.querySelector('support-portal')!.open('new-ticket'));
  await page.waitForFunction(() =>
    document
      .querySelector('support-portal')
      ?.shadowRoot?.querySelector('.main > *')
      ?.shadowRoot?.querySelector('sp-category-menu')
      ?.shadowRoot?.querySelector('[part="option"]'),
  );

  // A rule of the page's stylesheet, two shadow roots deep: the category menu's options.
  const option = ['.main > *', 'sp-category-menu', '[part="option"]'];
  assert.deepEqual(await styleAt(page, option, ['border-top-left-radius']), ['999px']);
  // An element with no part keeps the portal's own style.
  assert.notEqual(
    (
      await styleAt(page, ['.main > *', 'sp-category-menu', 'input'], ['border-top-left-radius'])
    )[0],
    '999px',
  );
  const header = ['header'];
  const portal = ['.portal'];
  const contact = ['footer button'];
  assert.deepEqual(await styleAt(page, header, ['border-bottom-color']), ['rgb(107, 42, 134)']);
  assert.deepEqual(await styleAt(page, portal, ['background-color']), ['rgb(255, 250, 242)']);
  assert.deepEqual(await styleAt(page, contact, ['color']), ['rgb(107, 42, 134)']);

  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  assert.deepEqual(await styleAt(page, header, ['border-bottom-color']), ['rgb(224, 184, 242)']);
  assert.deepEqual(await styleAt(page, portal, ['background-color']), ['rgb(31, 23, 18)']);
  assert.deepEqual(await styleAt(page, contact, ['color']), ['rgb(224, 184, 242)']);
  assert.deepEqual(await styleAt(page, option, ['border-top-left-radius']), ['999px']);
});
