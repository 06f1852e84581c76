/**
 * Stored XSS through the widget: payloads saved through the real API in an addition, a
 * rejection reason, a solution, a desk comment and a file name render as text on the ticket
 * screen in Chromium. No script runs and no element is injected.
 */
import { expect } from '@open-wc/testing';
import {
  $$,
  deskComment,
  logIn,
  mountPortal,
  newCustomer,
  proposeSolution,
  screenNamed,
  visibleText,
  waitForText,
} from './helpers.ts';
import { clientFor } from './ticket-flow-helpers.ts';

declare global {
  interface Window {
    __xss?: number;
  }
}

const payload = (where: string) =>
  `${where} <img src=x onerror="window.__xss=1"><script>window.__xss=1</script><svg onload="window.__xss=1">`;

afterEach(() => sessionStorage.clear());

describe('stored XSS', () => {
  it('every customer and desk text and the file name render as text on the ticket screen', async () => {
    const customer = await newCustomer({
      open: 1,
      attachment: { name: '<img src=x onerror="window.__xss=1">.txt', content: 'plain text' },
    });
    const [number] = customer.tickets.open as [number];
    const client = await clientFor(customer);
    await client.addInformation(number, payload('addition'));
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
    // Nothing from the payloads became an element, anywhere in the portal's shadow trees.
    const all = (root: Element): Element[] => [
      ...$$(root, 'img, script, svg[onload]'),
      ...$$(root, '*').flatMap((child) => (child.shadowRoot ? all(child) : [])),
    ];
    expect(
      all(el).filter((node) => node.getAttribute('src') === 'x' || node.localName === 'script'),
    ).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(window.__xss).to.equal(undefined);
  });
});
