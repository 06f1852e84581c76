import { expect, waitUntil } from '@open-wc/testing';
import { currentScreen, logIn, mountPortal, newCustomer, screenNamed } from './helpers.ts';

afterEach(() => sessionStorage.clear());

describe('session renewal', () => {
  it('renews the token shortly before it expires while the customer is active', async () => {
    const customer = await newCustomer();
    const storageKey = `renewal-${Date.now()}`;
    const first = await mountPortal({ storageKey });
    await logIn(first, customer);
    first.remove();

    // The saved token is said to expire in two seconds: its renewal comes due at once.
    const saved = (name: string) => `support-portal:${storageKey}:${name}`;
    sessionStorage.setItem(saved('expires'), new Date(Date.now() + 2_000).toISOString());
    const el = await mountPortal({ storageKey });
    await screenNamed(el, 'sp-home-screen');
    // Renewal waits for activity: a key pressed in the portal. The renewed token's expiry is
    // the API's (the test clock stands still, so the token itself may read the same).
    const renewed = () =>
      Date.parse(sessionStorage.getItem(saved('expires'))!) > Date.now() + 60_000;
    await waitUntil(
      () => {
        el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true }));
        return renewed();
      },
      'the token was never renewed',
      { timeout: 10_000, interval: 200 },
    );
    expect(sessionStorage.getItem(saved('token'))).not.to.equal(null);
    expect(currentScreen(el).localName).to.equal('sp-home-screen');
  });

  it('goes on renewing after the element is taken off the page and put back', async () => {
    const customer = await newCustomer();
    const storageKey = `renewal-moved-${Date.now()}`;
    const saved = (name: string) => `support-portal:${storageKey}:${name}`;
    const first = await mountPortal({ storageKey });
    await logIn(first, customer);
    first.remove();
    sessionStorage.setItem(saved('expires'), new Date(Date.now() + 2_000).toISOString());
    const el = await mountPortal({ storageKey });
    await screenNamed(el, 'sp-home-screen');

    // A page moving the element: off the document, then into another container.
    const parent = el.parentElement!;
    el.remove();
    const elsewhere = document.createElement('section');
    parent.append(elsewhere);
    elsewhere.append(el);
    const renewed = () =>
      Date.parse(sessionStorage.getItem(saved('expires'))!) > Date.now() + 60_000;
    await waitUntil(
      () => {
        el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true }));
        return renewed();
      },
      'the token was not renewed after the element was put back',
      { timeout: 10_000, interval: 200 },
    );
    expect(currentScreen(el).localName).to.equal('sp-home-screen');
  });
});
