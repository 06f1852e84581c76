import { expect, waitUntil } from '@open-wc/testing';
import '../../widget/support-portal.ts';
import { partnerPortal, partnerToken } from './accounts-helpers.ts';
import {
  $,
  API,
  button,
  currentScreen,
  loggedInPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { label } from './categories.ts';
import { m } from './messages.ts';

afterEach(() => sessionStorage.clear());

/** Events of one type the element fires, in order. */
function record<T>(el: EventTarget, type: string): T[] {
  const details: T[] = [];
  el.addEventListener(type, (event) => details.push((event as CustomEvent<T>).detail));
  return details;
}

describe('the host API', () => {
  it('support-portal-ready fires once, when the first screen is shown', async () => {
    const el = document.createElement('support-portal');
    el.setAttribute('api', API);
    el.setAttribute('lang', 'es');
    el.setAttribute('storage-key', `ready-${Date.now()}`);
    const ready = record<{ screen: string }>(el, 'support-portal-ready');
    let shownWhenReady = '';
    el.addEventListener('support-portal-ready', () => {
      shownWhenReady = currentScreen(el)?.shadowRoot?.querySelector('h2')?.textContent ?? '';
    });
    document.body.append(el);
    try {
      await waitUntil(() => ready.length > 0, 'never ready', { timeout: 10_000 });
      expect(ready).to.deep.equal([{ screen: 'login' }]);
      expect(shownWhenReady.trim()).to.not.equal('');
      el.open('contact');
      await screenNamed(el, 'sp-contact-block');
      expect(ready).to.have.length(1);
    } finally {
      el.remove();
    }
  });

  it('open() shows the lists and a ticket, and refuses an unknown screen', async () => {
    const { el, customer } = await loggedInPortal({ open: 1, closed: 1 });
    const [closed] = customer.tickets.closed;
    const [open] = customer.tickets.open;
    el.open('tickets', { state: 'closed' });
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, String(closed));
    el.open('ticket', { number: open! });
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, String(open));
    expect(() => el.open('bogus' as never)).to.throw(TypeError);
    expect(() => el.open('ticket', {})).to.throw(TypeError);
  });

  it('prefill() opens the new-ticket form filled in; context is stored with the ticket', async () => {
    const { el } = await loggedInPortal();
    el.context = { plan: 'enterprise', page: '/billing' };
    const created = record<{ number: number }>(el, 'support-portal-ticket-created');
    el.prefill({ category: 'infra.network.vpn', urgency: 'high', description: 'La VPN se cae.' });
    const form = await screenNamed(el, 'sp-new-ticket-screen');
    await waitUntil(() => $(form, '#description'), 'the form never reached its details step');
    expect(($(form, '#description') as HTMLTextAreaElement).value).to.equal('La VPN se cae.');
    const urgency = form.shadowRoot!.querySelector<HTMLInputElement>('input[value="high"]')!;
    expect(urgency.checked).to.equal(true);
    expect(visibleText(form)).to.include(label('infra.network.vpn'));
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => created.length === 1, 'no ticket created', { timeout: 10_000 });
    const stored = await fetch(`${API}/test/tickets/${created[0]!.number}/context`);
    expect(await stored.json()).to.deep.equal({ plan: 'enterprise', page: '/billing' });
  });

  it('logout() ends the session on the API and forgets this instance’s storage', async () => {
    const { el } = await loggedInPortal();
    const key = el.getAttribute('storage-key')!;
    const token = sessionStorage.getItem(`support-portal:${key}:token`);
    expect(token).to.be.a('string');
    const logouts = record<{ reason: string }>(el, 'support-portal-logout');
    await el.logout();
    await screenNamed(el, 'sp-login-screen');
    expect(logouts).to.deep.equal([{ reason: 'user' }]);
    // Only the screen shown (login) is remembered for a reload: no token, no expiry.
    const left = Object.keys(sessionStorage).filter((name) => name.includes(key));
    expect(left).to.deep.equal([`support-portal:${key}:route`]);
    expect(sessionStorage.getItem(`support-portal:${key}:route`)).to.equal('login');
    const me = await fetch(`${API}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).to.equal(401);
  });
});

describe('single sign-on users and the Signed out screen', () => {
  async function partnerHome(options: { passwordless?: boolean } = {}) {
    const customer = await newCustomer(options);
    const { el } = await partnerPortal(await partnerToken(customer.email, 120));
    const home = await screenNamed(el, 'sp-home-screen');
    return { el, customer, home };
  }

  it('a customer without a password is offered no password change', async () => {
    const { el } = await partnerHome({ passwordless: true });
    expect(visibleText(await openAccountMenu(el))).to.not.include(m('account.changePassword'));
    const withPassword = await partnerHome();
    expect(visibleText(await openAccountMenu(withPassword.el))).to.include(
      m('account.changePassword'),
    );
  });

  it('emptying token signs out to the Signed out screen; a new token signs in again', async () => {
    const { el, customer } = await partnerHome({ passwordless: true });
    const signedOut = record<{ reason: string }>(el, 'support-portal-signed-out');
    el.token = '';
    const screen = await screenNamed(el, 'sp-signed-out-screen');
    expect(signedOut).to.deep.equal([{ reason: 'token' }]);
    expect(visibleText(screen)).to.include(m('signedOut.heading'));
    expect(visibleText(screen)).to.include(m('signedOut.reload'));
    expect(screen.shadowRoot!.querySelector('button')).to.equal(null);
    expect(await seriousViolations(el)).to.deep.equal([]);
    el.token = await partnerToken(customer.email, 120);
    const home = await screenNamed(el, 'sp-home-screen');
    expect(visibleText(home)).to.include(customer.name);
  });

  it('logging out of a partner session shows Signed out; "Volver a entrar" uses the fresh token the page gives', async () => {
    const { el, customer } = await partnerHome({ passwordless: true });
    const signedOut = record<{ reason: string }>(el, 'support-portal-signed-out');
    button(await openAccountMenu(el), m('portal.logout')).click();
    await screenNamed(el, 'sp-signed-out-screen');
    expect(signedOut).to.deep.equal([{ reason: 'user' }]);
    expect(visibleText(el.shadowRoot!)).to.not.include(m('login.password'));
    // Partner tokens are single use: the host answers support-portal-signed-out with a fresh
    // one, and the portal waits on Signed out until the customer asks to come back.
    el.setAttribute('token', await partnerToken(customer.email, 120));
    const again = await screenNamed(el, 'sp-signed-out-screen');
    button(again, m('signedOut.signIn')).click();
    const home = await screenNamed(el, 'sp-home-screen');
    expect(visibleText(home)).to.include(customer.name);
  });
});
