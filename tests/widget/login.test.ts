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

afterEach(() => sessionStorage.clear());

describe('login', () => {
  it('shows the login screen first, accessibly', async () => {
    const el = await mountPortal();
    const login = await screenNamed(el, 'sp-login-screen');
    expect(visibleText(login)).to.include('Correo electrónico');
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
    button(login, 'Entrar').click();
    await waitForText(login, 'El correo electrónico o la contraseña no son correctos.');
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
    expect(visibleText(home)).to.include(`Hola, ${customer.name}`);
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
    await waitForText(list, `Ticket ${customer.tickets.closed[0]}`);
    expect(visibleText(list)).to.include('Tickets cerrados');
    history.replaceState(null, '', location.pathname);
  });

  it('answers the login address with home, in the address bar too, once logged in', async () => {
    const customer = await newCustomer({ open: 1 });
    const el = await mountPortal({ routing: 'hash' });
    location.hash = '#sp/home';
    await logIn(el, customer);
    button(await screenNamed(el, 'sp-home-screen'), 'Tickets abiertos').click();
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
    button(home, 'Tickets abiertos').click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, 'No tiene tickets abiertos.');
    expect(list.shadowRoot!.activeElement?.localName).to.equal('h2');
    expect(paths).to.deep.equal(['tickets/open']);
  });

  it('keeps the customer logged in on the same screen after a reload within the tab', async () => {
    const { el } = await loggedInPortal({ open: 1 });
    const key = el.storageKey;
    button(await screenNamed(el, 'sp-home-screen'), 'Tickets abiertos').click();
    await screenNamed(el, 'sp-ticket-list-screen');
    el.remove();
    const again = await mountPortal({ storageKey: key });
    const list = await screenNamed(again, 'sp-ticket-list-screen');
    await waitForText(list, 'Ticket');
    expect(visibleText(await openAccountMenu(again))).to.include('Salir');
  });

  it('logs out, forgets the token and fires support-portal-logout', async () => {
    const { el } = await loggedInPortal();
    let reason = '';
    el.addEventListener('support-portal-logout', (event) => (reason = event.detail.reason));
    button(await openAccountMenu(el), 'Salir').click();
    await screenNamed(el, 'sp-login-screen');
    expect(reason).to.equal('user');
    expect(Object.keys(sessionStorage).filter((k) => k.endsWith(':token'))).to.deep.equal([]);
  });
});
