/**
 * What a walk-through of the portal found (issue 15, point 12), each as a user meets it: focus
 * after toggling e-mail notifications and after rating stays where the customer works, never on
 * the page's body; a notice follows a language chosen after it appeared; the Portuguese login
 * names its action once; the contact screen looks like the others and leads back.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LANGUAGES } from '../../contract/domain.ts';
import '../../widget/screens/ticket-details-screen.ts';
import { NavigateEvent } from '../../widget/navigation.ts';
import {
  $,
  $$,
  button,
  currentScreen,
  hostMarkup,
  logIn,
  loggedInPortal,
  mountPortal,
  newCustomer,
  proposeSolution,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { en, m, translated } from './messages.ts';
import {
  clickWithMouse,
  customerSession,
  deepActiveElement,
  openTicket,
  replyBoxOf,
  textOf,
} from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

async function focusOn(matches: (active: Element) => boolean, what: string): Promise<void> {
  await waitUntil(
    () => {
      const active = deepActiveElement();
      return active !== null && matches(active);
    },
    `focus is not on ${what} but on ${deepActiveElement()?.outerHTML.slice(0, 120)}`,
    { timeout: 10_000 },
  );
}

type Updating = HTMLElement & { updateComplete: Promise<boolean> };

async function ratingForm(root: Element): Promise<Updating> {
  await waitUntil(() => $(root, 'sp-rating-form'), 'no rating form', { timeout: 10_000 });
  const form = $(root, 'sp-rating-form') as Updating;
  await form.updateComplete;
  return form;
}

describe('focus after toggling and rating', () => {
  it('e-mail notifications: focus stays on the checkbox once saved', async () => {
    const { el } = await loggedInPortal();
    await screenNamed(el, 'sp-home-screen');
    const toggle = $(await openAccountMenu(el), 'sp-notifications-toggle')!;
    const checkbox = toggle.shadowRoot!.querySelector('input')!;
    await clickWithMouse(checkbox);
    await waitForText(toggle, m('notifications.off'));
    expect(deepActiveElement()).to.equal(checkbox);
    await clickWithMouse(checkbox);
    await waitForText(toggle, m('notifications.on'));
    expect(deepActiveElement()).to.equal(checkbox);
    expect(document.activeElement).not.to.equal(document.body);
  });

  it('rating after accepting: focus on the thanks once sent, on the outcome when skipped', async () => {
    for (const skip of [false, true]) {
      const { el, customer } = await loggedInPortal({ open: 1 });
      const [number] = customer.tickets.open as [number];
      await proposeSolution(number, 'Reiniciamos el servidor de licencias.');
      currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'solution', number }));
      const solution = await screenNamed(el, 'sp-solution-screen');
      await waitForText(solution, m('solution.accept'));
      await clickWithMouse(button(solution, m('solution.accept')));
      const form = await ratingForm(solution);
      if (skip) {
        await clickWithMouse(button(form, m('rating.skip')));
        await focusOn((active) => active.id === 'outcome', 'the outcome');
        continue;
      }
      await clickWithMouse($$(form, '.star')[3]!);
      await clickWithMouse(button(form, m('rating.submit')));
      await focusOn(
        (active) => textOf(active) === m('solution.rated'),
        'the thanks for the rating',
      );
    }
  });

  it('rating from the details: focus on the rating as saved', async () => {
    const { client, config, customer } = await customerSession({ closed: 1 });
    const details = await fixture<Updating>(
      html`<sp-ticket-details-screen
        .client=${client}
        .config=${config}
        .number=${customer.tickets.closed[0]!}
      ></sp-ticket-details-screen>`,
    );
    await waitForText(details, m('ticketRating.none'));
    const section = $(details, 'sp-ticket-rating')!;
    await clickWithMouse(button(section, m('ticketRating.rate')));
    const form = await ratingForm(section);
    await clickWithMouse($$(form, '.star')[4]!);
    await clickWithMouse(button(form, m('rating.submit')));
    await focusOn(
      (active) => textOf(active).includes(m('ticketRating.score', 5, 5)),
      'the rating as saved',
    );
  });
});

describe('words in the active language', () => {
  it('"Respuesta enviada." reads in English once English is chosen', async () => {
    const { el, customer } = await loggedInPortal({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const { box, text } = await replyBoxOf(await openTicket(el, number));
    type(text, 'También falla por cable.');
    button(box, m('reply.submit')).click();
    await waitForText(box, m('reply.done'));

    const select = $(el, 'select[part="language"]') as HTMLSelectElement;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await waitForText(box, en('reply.done'));
    expect(textOf($(box, '#reply-done'))).to.equal(en('reply.done'));
  });

  it('Portuguese login: the heading and its button both say Iniciar sessão', async () => {
    const el = await mountPortal({ lang: 'pt' });
    const login = await screenNamed(el, 'sp-login-screen');
    const heading = await translated('pt', 'login.heading');
    expect(await translated('pt', 'login.submit')).to.equal(heading);
    await waitForText(login, heading);
    expect(textOf($(login, 'h2'))).to.equal(heading);
    expect(textOf($(login, 'button[type="submit"]'))).to.equal(heading);
  });
});

describe('the contact screen', () => {
  it('lays the contact out as labelled rows, leads back home, and the footer hides its link', async () => {
    const { el } = await loggedInPortal();
    await screenNamed(el, 'sp-home-screen');
    button(el, m('portal.contact')).click();
    const contact = await screenNamed(el, 'sp-contact-block');
    expect($(el, 'footer')).to.equal(null);
    expect($$(el, 'button').map(textOf)).not.to.include(m('portal.contact'));
    const list = $(contact, 'dl')!;
    expect(getComputedStyle(list).display).to.equal('grid');
    // The values line up with their labels instead of the browser's 40 px indent.
    for (const value of $$(contact, 'dd'))
      expect(getComputedStyle(value).marginLeft).to.equal('0px');
    expect(await seriousViolations(el)).to.deep.equal([]);

    button(contact, m('contact.backHome')).click();
    await screenNamed(el, 'sp-home-screen');
    expect(textOf($(el, 'footer'))).to.equal(m('portal.contact'));
  });

  it('before login, leads back to the login; fits 320 px', async () => {
    const frame = hostMarkup('');
    frame.style.width = '320px';
    const el = await mountPortal();
    frame.append(el);
    await screenNamed(el, 'sp-login-screen');
    button(el, m('portal.contact')).click();
    const contact = await screenNamed(el, 'sp-contact-block');
    await waitForText(contact, m('contact.backLogin'));
    expect(el.scrollWidth).to.be.at.most(320);
    button(contact, m('contact.backLogin')).click();
    await screenNamed(el, 'sp-login-screen');
  });
});

describe('the account menu in the header', () => {
  it('a disclosure button with the name holds e-mails, password and log out; Escape closes it', async () => {
    const { el, customer } = await loggedInPortal();
    const home = await screenNamed(el, 'sp-home-screen');
    expect($(home, 'sp-notifications-toggle')).to.equal(null);
    expect(visibleText(home)).not.to.include(m('account.changePassword'));
    const menu = $(el, 'sp-account-menu')!;
    const toggle = menu.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    expect(textOf(toggle)).to.equal(`${m('account.menu')} ${customer.name} ▾`);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');

    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await openAccountMenu(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const panel = menu.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(visibleText(panel)).to.include(m('notifications.label'));
    expect($$(menu, 'button').map(textOf)).to.include.members([
      m('account.changePassword'),
      m('portal.logout'),
    ]);
    expect(await seriousViolations(el)).to.deep.equal([]);

    await sendKeys({ press: 'Tab' });
    expect(panel.contains(menu.shadowRoot!.activeElement)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'false', 'still open');
    expect(deepActiveElement()).to.equal(toggle);
    expect(menu.shadowRoot!.querySelector('[part="panel"]')).to.equal(null);
  });

  for (const language of LANGUAGES) {
    it(`${language}: the header takes at most two rows at 320 px`, async () => {
      const frame = hostMarkup('');
      frame.style.width = '320px';
      const customer = await newCustomer({ language });
      const el = await mountPortal({ lang: language });
      frame.append(el);
      await logIn(el, customer);
      await screenNamed(el, 'sp-home-screen');
      const header = $(el, 'header')!;
      // A control starts a row when it is below every control of the row before.
      const boxes = [...header.children]
        .map((child) => child.getBoundingClientRect())
        .sort((a, b) => a.top - b.top);
      let rows = 0;
      let bottom = -Infinity;
      for (const box of boxes) {
        if (box.top >= bottom - 1) rows++;
        bottom = rows && box.top >= bottom - 1 ? box.bottom : Math.max(bottom, box.bottom);
      }
      expect(rows, `rows of ${textOf(header)}`).to.be.at.most(2);
      expect(el.scrollWidth).to.be.at.most(320);
    });
  }
});
