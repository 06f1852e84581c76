/**
 * Stored XSS through the widget: payloads saved through the real API in an addition, a
 * rejection reason, a solution, a desk comment and a file name render as text on the ticket
 * screen in Chromium; a customer's name and a category's label render as text in the header,
 * on the home screen, in the category menu, the ticket list and the ticket's details. No script
 * runs and no element is injected.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  $$,
  API,
  deskComment,
  logIn,
  mountPortal,
  newCustomer,
  proposeSolution,
  screenNamed,
  type,
  visibleText,
  waitForText,
  type TestCustomer,
} from './helpers.ts';
import { label as categoryLabel } from './categories.ts';
import { m } from './messages.ts';
import { clientFor } from './ticket-flow-helpers.ts';

declare global {
  interface Window {
    __xss?: number;
  }
}

const payload = (where: string) =>
  `${where} <img src=x onerror="window.__xss=1"><script>window.__xss=1</script><svg onload="window.__xss=1">`;

afterEach(() => sessionStorage.clear());

/** Elements the payloads would have made, anywhere in the portal's shadow trees. */
function injected(el: Element): Element[] {
  const all = (root: Element): Element[] => [
    ...$$(root, 'img, script, svg[onload]'),
    ...$$(root, '*').flatMap((child) => (child.shadowRoot ? all(child) : [])),
  ];
  return all(el).filter(
    (node) =>
      node.getAttribute('src') === 'x' ||
      node.localName === 'script' ||
      node.hasAttribute('onload'),
  );
}

/** Calls a `/test/*` route of the test API, which plays the company. */
async function testApi(path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response;
}

describe('stored XSS', () => {
  it('every customer and desk text and the file name render as text on the ticket screen', async () => {
    const customer = await newCustomer({
      open: 1,
      attachment: { name: '<img src=x onerror="window.__xss=1">.txt', content: 'plain text' },
    });
    const [number] = customer.tickets.open as [number];
    const client = await clientFor(customer);
    await client.reply(number, payload('addition'), null);
    await proposeSolution(number, payload('first solution'));
    await client.rejectSolution(number, payload('reason'));
    await deskComment(number, payload('comment'));
    await proposeSolution(number, payload('solution'));

    const el = await mountPortal({ routing: 'hash' });
    location.hash = `#sp/ticket/${number}`;
    await logIn(el, customer);
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'addition <img');
    const text = visibleText(details);
    for (const where of ['addition', 'reason', 'comment', 'solution']) {
      expect(text).to.include(`${where} <img src=x onerror="window.__xss=1">`);
    }
    expect(text).to.include('<img src=x onerror="window.__xss=1">.txt');
    expect(injected(el)).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(window.__xss).to.equal(undefined);
  });

  it('a customer name and a category label render as text on every screen that shows them', async () => {
    const name = 'Name <img src=x onerror="window.__xss=1"><svg onload="window.__xss=1">';
    const label = 'Label <script>window.__xss=1</script><svg onload="window.__xss=1">';
    const category = `account.licences.xss-${Date.now()}`;
    await testApi('/test/categories', { id: category, parent: 'account.licences', label });
    const customer = (await (
      await testApi('/test/customers', { name, open: 1, category })
    ).json()) as TestCustomer;
    const [number] = customer.tickets.open as [number];
    const path = `${categoryLabel('account.licences')} › ${label}`;

    location.hash = '#sp/home';
    const el = await mountPortal({ routing: 'hash' });
    await logIn(el, customer);
    await screenNamed(el, 'sp-home-screen');
    await waitForText(el, m('home.heading', name));
    // The greeting and the header's "who is logged in".
    expect(visibleText(el).split(name).length - 1).to.be.at.least(2);
    expect(injected(el)).to.deep.equal([]);

    location.hash = '#sp/tickets/open';
    await waitForText(await screenNamed(el, 'sp-ticket-list-screen'), path);
    expect(injected(el)).to.deep.equal([]);

    location.hash = `#sp/ticket/${number}`;
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, path);
    // The timeline names who created the ticket: the customer.
    expect(visibleText(details)).to.include(name);
    expect(injected(el)).to.deep.equal([]);

    location.hash = '#sp/new-ticket';
    const form = await screenNamed(el, 'sp-new-ticket-screen');
    await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu');
    const menu = $(form, 'sp-category-menu')!;
    type($(menu, '#filter'), 'Label');
    await waitForText(menu, label);
    expect(injected(el)).to.deep.equal([]);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(window.__xss).to.equal(undefined);
  });
});
