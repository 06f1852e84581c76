import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  button,
  currentScreen,
  loggedInPortal,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { m } from './messages.ts';

afterEach(() => sessionStorage.clear());

describe('login', () => {
  it('shows the login screen first, accessibly', async () => {
    const el = await mountPortal();
    const login = await screenNamed(el, 'sp-login-screen');
    expect(visibleText(login)).to.include(m('login.email'));
    expect($(login, '#password')!.getAttribute('autocomplete')).to.equal('current-password');
    expect($(login, '#email')!.getAttribute('autocomplete')).to.equal('username');
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('refuses a wrong password with a message tied to the fields', async () => {
    const customer = await newCustomer();
    const el = await mountPortal();
    const login = await screenNamed(el, 'sp-login-screen');
    type($(login, '#email'), customer.email);
    type($(login, '#password'), 'not-the-password');
    button(login, m('login.submit')).click();
    await waitForText(login, m('error.invalid_credentials'));
    expect($(login, '#password')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(login, '#password')!.getAttribute('aria-describedby')).to.equal('login-error');
    expect(currentScreen(el).localName).to.equal('sp-login-screen');
  });

  it('logs in, greets the customer by name and fires support-portal-login', async () => {
    const customer = await newCustomer();
    const el = await mountPortal();
    const events: string[] = [];
    el.addEventListener('support-portal-login', (event) =>
      events.push(event.detail.customer.email),
    );
    await logIn(el, customer);
    const home = await screenNamed(el, 'sp-home-screen');
    expect(visibleText(home)).to.include(m('home.heading', customer.name));
    expect(events).to.deep.equal([customer.email]);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('sends a protected screen to login first, and returns there after', async () => {
    const customer = await newCustomer({ closed: 1 });
    const el = await mountPortal({ routing: 'hash' });
    location.hash = '#sp/tickets/closed';
    await screenNamed(el, 'sp-login-screen');
    await logIn(el, customer);
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', customer.tickets.closed[0]!));
    expect(visibleText(list)).to.include(m('home.closed'));
    history.replaceState(null, '', location.pathname);
  });

  it('answers the login address with home, in the address bar too, once logged in', async () => {
    const customer = await newCustomer({ open: 1 });
    const el = await mountPortal({ routing: 'hash' });
    location.hash = '#sp/home';
    await logIn(el, customer);
    button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
    await screenNamed(el, 'sp-ticket-list-screen');
    location.hash = '#sp/login';
    await screenNamed(el, 'sp-home-screen');
    await waitUntil(() => location.hash === '#sp/home', `the address bar says ${location.hash}`);
    history.replaceState(null, '', location.pathname);
  });

  it('moves focus to the new screen heading and tells the host', async () => {
    const { el } = await loggedInPortal();
    const home = await screenNamed(el, 'sp-home-screen');
    const paths: string[] = [];
    el.addEventListener('support-portal-navigate', (event) => paths.push(event.detail.path));
    button(home, m('home.open')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('tickets.none_open'));
    expect(list.shadowRoot!.activeElement?.localName).to.equal('h2');
    expect(paths).to.deep.equal(['tickets/open']);
  });

  it('keeps the customer logged in on the same screen after a reload within the tab', async () => {
    const { el, customer } = await loggedInPortal({ open: 1 });
    const key = el.storageKey;
    button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
    await screenNamed(el, 'sp-ticket-list-screen');
    el.remove();
    const again = await mountPortal({ storageKey: key });
    const list = await screenNamed(again, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', customer.tickets.open[0]!));
    expect(visibleText(await openAccountMenu(again))).to.include(m('portal.logout'));
  });

  it('logs out, forgets the token and fires support-portal-logout', async () => {
    const { el } = await loggedInPortal();
    let reason = '';
    el.addEventListener('support-portal-logout', (event) => (reason = event.detail.reason));
    button(await openAccountMenu(el), m('portal.logout')).click();
    await screenNamed(el, 'sp-login-screen');
    expect(reason).to.equal('user');
    expect(Object.keys(sessionStorage).filter((k) => k.endsWith(':token'))).to.deep.equal([]);
  });
});
