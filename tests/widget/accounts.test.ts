import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  API,
  button,
  currentScreen,
  loggedInPortal,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { outbox, setPasswordLink } from './accounts-helpers.ts';
import { m } from './messages.ts';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', location.pathname + location.search);
});

const SENT = m('forgot.sent');
const NEW_PASSWORD = 'Cierzo-sobre-el-Ebro-2026';

/** From the login screen to the answer of the forgotten-password form, for an e-mail. */
async function askForLink(email: string) {
  const el = await mountPortal();
  const login = await screenNamed(el, 'sp-login-screen');
  button(login, m('login.forgot')).click();
  const forgot = await screenNamed(el, 'sp-forgot-password-screen');
  // The real ALTCHA widget, loaded on this screen only, inside the screen's shadow root.
  const captcha = $(forgot, 'sp-captcha')!;
  await waitUntil(() => captcha.shadowRoot?.querySelector('altcha-widget'), 'no altcha widget', {
    timeout: 10_000,
  });
  expect(document.querySelector('altcha-widget')).to.equal(null);
  type($(forgot, '#email'), email);
  $(forgot, 'button[type="submit"]')!.click();
  await waitForText(forgot, SENT);
  return { el, forgot };
}

describe('forgotten password', () => {
  it('e-mails a link that sets the password and lands home, logged in', async () => {
    const customer = await newCustomer();
    const { el, forgot } = await askForLink(customer.email);
    expect(await seriousViolations(el)).to.deep.equal([]);
    expect(visibleText(forgot)).not.to.include(m('error.captcha_failed'));

    let mails: Awaited<ReturnType<typeof outbox>> = [];
    await waitUntil(async () => (mails = await outbox(customer.email)).length > 0, 'no e-mail', {
      timeout: 5_000,
    });
    expect(mails[0].text).to.include(customer.name);
    const link = setPasswordLink(mails[0]);
    expect(`${link.origin}${link.pathname}`).to.equal(`${location.origin}${location.pathname}`);

    // The link opens the page again: the portal starts on the set-password screen.
    el.remove();
    history.replaceState(null, '', link.pathname + link.search + link.hash);
    const opened = await mountPortal();
    const setPassword = await screenNamed(opened, 'sp-set-password-screen');
    expect(location.hash).to.equal('');
    type($(setPassword, '#new-password'), 'short');
    type($(setPassword, '#repeat-password'), 'short');
    $(setPassword, 'button[type="submit"]')!.click();
    await waitForText(setPassword, 'al menos 12 caracteres');
    expect(await seriousViolations(opened)).to.deep.equal([]);

    type($(setPassword, '#new-password'), NEW_PASSWORD);
    type($(setPassword, '#repeat-password'), NEW_PASSWORD);
    $(setPassword, 'button[type="submit"]')!.click();
    const home = await screenNamed(opened, 'sp-home-screen');
    expect(visibleText(home)).to.include(m('home.heading', customer.name));
    await waitForText(opened.shadowRoot!, m('password.changed'));

    const login = await fetch(`${API}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: NEW_PASSWORD }),
    });
    expect(login.status).to.equal(201);
  });

  it('answers an unknown e-mail exactly as a known one, and sends nothing', async () => {
    const email = `nobody-${Date.now()}@example.com`;
    const { forgot } = await askForLink(email);
    expect(visibleText(forgot)).to.include(SENT);
    expect(await outbox(email)).to.deep.equal([]);
  });

  it("shows the captcha's words in the portal's language", async () => {
    const el = await mountPortal({ lang: 'en' });
    $(await screenNamed(el, 'sp-login-screen'), 'button.link')!.click();
    const forgot = await screenNamed(el, 'sp-forgot-password-screen');
    const captcha = $(forgot, 'sp-captcha')!;
    // ALTCHA's English words: before solving, then once solved (it solves itself at once).
    await waitForText(captcha, /I'm not a robot|Verified/);
  });

  it('a used link shows that it is no longer valid', async () => {
    history.replaceState(null, '', `${location.pathname}#sp/set-password/${'x'.repeat(43)}`);
    const el = await mountPortal();
    const setPassword = await screenNamed(el, 'sp-set-password-screen');
    type($(setPassword, '#new-password'), NEW_PASSWORD);
    type($(setPassword, '#repeat-password'), NEW_PASSWORD);
    $(setPassword, 'button[type="submit"]')!.click();
    await waitForText(setPassword, m('error.invalid_link'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });
});

describe('change password', () => {
  it('refuses a wrong current password on its field, then changes it and stays logged in', async () => {
    const { el, customer } = await loggedInPortal();
    await screenNamed(el, 'sp-home-screen');
    button(await openAccountMenu(el), m('account.changePassword')).click();
    const change = await screenNamed(el, 'sp-change-password-screen');

    type($(change, '#current-password'), 'not-my-password');
    type($(change, '#new-password'), NEW_PASSWORD);
    type($(change, '#repeat-password'), NEW_PASSWORD);
    $(change, 'button[type="submit"]')!.click();
    await waitForText(change, m('field.incorrect'));
    expect($(change, '#current-password')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(change, '#current-password')!.getAttribute('aria-describedby')).to.equal(
      'current-password-error',
    );
    expect(await seriousViolations(el)).to.deep.equal([]);

    type($(change, '#current-password'), customer.password);
    $(change, 'button[type="submit"]')!.click();
    await screenNamed(el, 'sp-home-screen');
    await waitForText(el.shadowRoot!, m('password.changed'));
    expect(visibleText(el.shadowRoot!)).to.include(customer.name);

    // Still logged in: the new token of this client works for the next screen.
    button(currentScreen(el), m('home.open')).click();
    await screenNamed(el, 'sp-ticket-list-screen');
    expect(currentScreen(el).localName).to.equal('sp-ticket-list-screen');
  });
});

describe('notifications', () => {
  it('turns ticket e-mails off and saves it to the profile', async () => {
    const { el, customer } = await loggedInPortal();
    await screenNamed(el, 'sp-home-screen');
    const toggle = $(await openAccountMenu(el), 'sp-notifications-toggle')!;
    const checkbox = toggle.shadowRoot!.querySelector('input')!;
    expect(checkbox.checked).to.equal(true);
    checkbox.click();
    await waitForText(toggle, m('notifications.off'));
    expect(await seriousViolations(el)).to.deep.equal([]);

    const login = await fetch(`${API}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: customer.password }),
    });
    const { customer: saved } = (await login.json()) as { customer: { notifications: boolean } };
    expect(saved.notifications).to.equal(false);
  });
});
