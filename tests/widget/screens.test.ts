import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { NEW_PASSWORD_MIN_LENGTH } from '../../contract/domain.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';
import {
  $,
  API,
  button,
  hostMarkup,
  loggedInPortal,
  mountPortal,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { m } from './messages.ts';

afterEach(async () => {
  sessionStorage.clear();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

describe('account screens', () => {
  it('forgotten password: asks for the e-mail, errors tied to the field, captcha place kept', async () => {
    const el = await mountPortal();
    button(await screenNamed(el, 'sp-login-screen'), m('login.forgot')).click();
    const forgot = await screenNamed(el, 'sp-forgot-password-screen');
    expect($(forgot, '[data-captcha]')).not.to.equal(null);
    button(forgot, m('forgot.submit')).click();
    await waitForText(forgot, m('field.required'));
    const email = $(forgot, '#email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('email-error');
    expect(forgot.shadowRoot!.activeElement).to.equal(email);
    expect(await seriousViolations(el)).to.deep.equal([]);
    button(forgot, m('forgot.back')).click();
    await screenNamed(el, 'sp-login-screen');
  });

  it('set password: opened by the e-mailed link, which leaves no token in the address bar', async () => {
    history.replaceState(null, '', `${location.pathname}#sp/set-password/abc.DEF-123`);
    const el = await mountPortal();
    const screen = await screenNamed(el, 'sp-set-password-screen');
    expect(location.hash).to.equal('');
    expect((screen as unknown as { token: string }).token).to.equal('abc.DEF-123');
    for (const id of ['#new-password', '#repeat-password']) {
      expect($(screen, id)!.getAttribute('autocomplete')).to.equal('new-password');
    }
    type($(screen, '#new-password'), 'short');
    type($(screen, '#repeat-password'), 'other');
    button(screen, m('set_password.submit')).click();
    await waitForText(screen, m('password.too_short_n', NEW_PASSWORD_MIN_LENGTH));
    expect(visibleText(screen)).to.include(m('password.mismatch'));
    expect($(screen, '#new-password')!.getAttribute('aria-describedby')).to.include(
      'new-password-error',
    );
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('change password: current password first, every field checked before sending', async () => {
    const { el } = await loggedInPortal();
    await screenNamed(el, 'sp-home-screen');
    button(await openAccountMenu(el), m('account.changePassword')).click();
    const screen = await screenNamed(el, 'sp-change-password-screen');
    expect($(screen, '#current-password')!.getAttribute('autocomplete')).to.equal(
      'current-password',
    );
    button(screen, m('home.change_password')).click();
    await waitForText(screen, m('field.required'));
    expect(screen.shadowRoot!.activeElement?.id).to.equal('current-password');
    expect(await seriousViolations(el)).to.deep.equal([]);
  });
});

describe('contact', () => {
  it('shows the contact of the API configuration', async () => {
    const el = await mountPortal();
    await screenNamed(el, 'sp-login-screen');
    button(el, m('portal.contact')).click();
    const contact = await screenNamed(el, 'sp-contact-block');
    const config = await (await fetch(`${API}/api/config`)).json();
    await waitForText(contact, config.contact.name);
    const links = [...contact.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal([`mailto:${config.contact.email}`, 'tel:+34910000120']);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it("shows the host page's own contact block from the contact slot", async () => {
    const el = await fixture<SupportPortal>(
      html`<support-portal api=${API} lang="es" storage-key="contact-slot">
        <div slot="contact"><p>Call Marta on extension 2040</p></div>
      </support-portal>`,
    );
    await screenNamed(el, 'sp-login-screen');
    button(el, m('portal.contact')).click();
    const contact = await screenNamed(el, 'sp-contact-block');
    await waitForText(contact, 'Call Marta on extension 2040');
  });
});

describe('dark scheme and narrow screens', () => {
  it('turns dark, keeps AA contrast and stops motion when the system asks', async () => {
    await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    const { el, customer } = await loggedInPortal({ open: 1, solutions: 1 });
    expect(await seriousViolations(el)).to.deep.equal([]);
    const home = await screenNamed(el, 'sp-home-screen');
    // Reduced motion: nothing animates.
    expect(getComputedStyle(button(home, m('home.open'))).transitionDuration).to.match(
      /^0s(, 0s)*$/,
    );
    expect(getComputedStyle($(el, '.portal')!).backgroundColor).to.equal('rgb(22, 25, 29)');
    button(home, m('home.open')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', customer.tickets.open[0]!));
    expect(await seriousViolations(el)).to.deep.equal([]);
    button(list, m('ticket.number', customer.tickets.open[0]!)).click();
    await waitForText(await screenNamed(el, 'sp-ticket-details-screen'), m('details.timeline'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('fits 320 px without horizontal scrolling', async () => {
    const frame = hostMarkup('');
    frame.style.width = '320px';
    const { el, customer } = await loggedInPortal({ open: 1, solutions: 1 });
    frame.append(el);
    button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', customer.tickets.open[0]!));
    expect(el.scrollWidth).to.be.at.most(320);
    button(list, m('ticket.number', customer.tickets.open[0]!)).click();
    await waitForText(await screenNamed(el, 'sp-ticket-details-screen'), m('details.timeline'));
    expect(el.scrollWidth).to.be.at.most(320);
    // Every visible control, however deep its component (the thread, the reply box, the header's
    // account menu each have their own shadow root).
    const controls = (root: ShadowRoot | Element): Element[] =>
      [...root.querySelectorAll('*')].flatMap((node) => [
        ...(node.matches('button, select') ? [node] : []),
        ...(node.shadowRoot ? controls(node.shadowRoot) : []),
      ]);
    const targets = controls(el.shadowRoot!).filter((node) => node.getClientRects().length > 0);
    expect(targets.length).to.be.greaterThan(5);
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      expect(box.width >= 24 && box.height >= 24, target.outerHTML).to.equal(true);
    }
  });
});
