import { expect, waitUntil } from '@open-wc/testing';
import type { SupportPortal } from '../../widget/support-portal.ts';
import { useLanguage } from '../../widget/i18n/localization.ts';
import {
  $,
  button,
  currentScreen,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  type,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { en, m } from './messages.ts';

afterEach(async () => {
  sessionStorage.clear();
  history.replaceState(null, '', location.pathname + location.search);
  await useLanguage('es');
});

const PASSWORDS = [
  'Cierzo-sobre-el-Ebro-2026',
  'Moncayo-nevado-en-enero',
  'Bardenas-al-amanecer',
  'Ordesa-en-otoño-2026',
];

/** The portal's notice line (above the screen), as the reader sees it. */
function noticeText(el: SupportPortal): string {
  return (el.shadowRoot!.querySelector('.notice')!.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Changes the password from the home screen; the portal lands on home with its notice. */
async function changePassword(el: SupportPortal, from: string, to: string) {
  await screenNamed(el, 'sp-home-screen');
  button(await openAccountMenu(el), m('account.changePassword')).click();
  const change = await screenNamed(el, 'sp-change-password-screen');
  type($(change, '#current-password'), from);
  type($(change, '#new-password'), to);
  type($(change, '#repeat-password'), to);
  $(change, 'button[type="submit"]')!.click();
  await screenNamed(el, 'sp-home-screen');
  await waitForText(el.shadowRoot!.querySelector('.notice')!, m('password.changed'));
}

async function noticeGone(el: SupportPortal) {
  await waitUntil(() => noticeText(el) === '', `the notice stayed: ${noticeText(el)}`);
}

describe('the notice above the screen', () => {
  it('is said in the current language and ends with the next screen change, however made', async () => {
    const customer = await newCustomer();
    const el = await mountPortal({ routing: 'hash' });
    await logIn(el, customer);
    await changePassword(el, customer.password, PASSWORDS[0]!);

    // Inside the screens' column, never wider (a column narrower than the page here).
    el.style.setProperty('--sp-max-width', '20em');
    const box = el.shadowRoot!.querySelector('.notice p')!.getBoundingClientRect();
    const column = currentScreen(el).getBoundingClientRect();
    expect(box.left).to.be.at.least(column.left - 0.5);
    expect(box.right).to.be.at.most(column.right + 0.5);

    // A language change keeps it, in the new language.
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[part="language"]')!;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => noticeText(el) === en('password.changed'), noticeText(el));
    select.value = 'es';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => noticeText(el) === m('password.changed'), noticeText(el));

    // The header's Home link, even to the screen already shown.
    button(el, m('portal.home')).click();
    await noticeGone(el);

    await changePassword(el, PASSWORDS[0]!, PASSWORDS[1]!);
    button(el, m('portal.contact')).click();
    await screenNamed(el, 'sp-contact-block');
    await noticeGone(el);

    // The address bar: a hash the customer types or the back button brings.
    location.hash = '#sp/home';
    await changePassword(el, PASSWORDS[1]!, PASSWORDS[2]!);
    location.hash = '#sp/tickets/open';
    await screenNamed(el, 'sp-ticket-list-screen');
    await noticeGone(el);

    history.back();
    await changePassword(el, PASSWORDS[2]!, PASSWORDS[3]!);
    button(await openAccountMenu(el), m('portal.logout')).click();
    await screenNamed(el, 'sp-login-screen');
    await noticeGone(el);
  });
});
