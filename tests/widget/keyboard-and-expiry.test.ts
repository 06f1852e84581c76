import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  API,
  $,
  button,
  logIn,
  loggedInPortal,
  mountPortal,
  newCustomer,
  screenNamed,
  visibleText,
  waitForText,
} from './helpers.ts';
import { m } from './messages.ts';
import { deepActiveElement, tabTo, textOf } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

describe('keyboard only', () => {
  it('logs in, opens the open tickets, pages and reads a ticket without a mouse', async () => {
    const customer = await newCustomer({ open: 21 });
    const el = await mountPortal();
    await screenNamed(el, 'sp-login-screen');
    await tabTo((node) => node.id === 'email');
    await sendKeys({ type: customer.email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: customer.password });
    await sendKeys({ press: 'Enter' });
    await screenNamed(el, 'sp-home-screen');

    await tabTo((node) => textOf(node).startsWith(m('home.open')));
    await sendKeys({ press: 'Enter' });
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('tickets.more'));
    await tabTo((node) => textOf(node) === m('tickets.more'), 80);
    await sendKeys({ press: 'Enter' });
    const oldest = customer.tickets.open[0];
    await waitForText(list, m('ticket.number', oldest!));
    expect(textOf(deepActiveElement())).to.equal(m('ticket.number', oldest!));
    await sendKeys({ press: 'Enter' });
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'Open ticket 1');
    expect(deepActiveElement()?.localName).to.equal('h2');
  });
});

describe('an ended session', () => {
  it('sends the customer to login with a notice, and back to the same screen after it', async () => {
    const { el, customer } = await loggedInPortal({ closed: 1 });
    const token = Object.entries(sessionStorage).find(([key]) => key.endsWith(':token'))![1];
    // The session ends elsewhere (logged out in another tab, or expired).
    await fetch(`${API}/api/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    const expired: string[] = [];
    el.addEventListener('support-portal-logout', (event) => expired.push(event.detail.reason));
    button(await screenNamed(el, 'sp-home-screen'), m('home.closed')).click();
    const login = await screenNamed(el, 'sp-login-screen');
    await waitForText(el, m('error.unauthenticated'));
    expect(expired).to.deep.equal(['expired']);
    expect($(login, '#email')).not.to.equal(null);
    await logIn(el, customer);
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', customer.tickets.closed[0]!));
    expect(visibleText(el)).not.to.include(m('error.unauthenticated'));
  });
});
