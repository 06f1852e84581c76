import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SupportPortal } from '../../widget/support-portal.ts';
import { LANGUAGES, type Language } from '../../contract/domain.ts';
import { useLanguage } from '../../widget/i18n/localization.ts';
import {
  $,
  API,
  button,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { m } from './messages.ts';

const TARGETS = LANGUAGES.filter((language) => language !== 'es');

type Templates = Record<string, string | { strings: readonly string[] }>;

/** A locale's messages: those of its first screens and of the later ones (two modules). */
async function templates(language: Exclude<Language, 'es'>): Promise<Templates> {
  const modules = {
    pt: () =>
      Promise.all([
        import('../../widget/i18n/locales/pt.ts'),
        import('../../widget/i18n/locales/pt.more.ts'),
      ]),
    en: () =>
      Promise.all([
        import('../../widget/i18n/locales/en.ts'),
        import('../../widget/i18n/locales/en.more.ts'),
      ]),
    fr: () =>
      Promise.all([
        import('../../widget/i18n/locales/fr.ts'),
        import('../../widget/i18n/locales/fr.more.ts'),
      ]),
    it: () =>
      Promise.all([
        import('../../widget/i18n/locales/it.ts'),
        import('../../widget/i18n/locales/it.more.ts'),
      ]),
    ca: () =>
      Promise.all([
        import('../../widget/i18n/locales/ca.ts'),
        import('../../widget/i18n/locales/ca.more.ts'),
      ]),
  };
  const [first, later] = await modules[language]();
  return { ...first.templates, ...later.templates } as unknown as Templates;
}

/** Each trans-unit of a locale's XLIFF file: its id and its target (empty when missing). */
async function xliffUnits(language: string): Promise<Map<string, string>> {
  const response = await fetch(`/widget/xliff/${language}.xlf`);
  const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
  return new Map(
    [...doc.querySelectorAll('trans-unit')].map((unit) => [
      unit.getAttribute('id')!,
      unit.querySelector('target')?.textContent?.trim() ?? '',
    ]),
  );
}

function plain(template: Templates[string] | undefined): string {
  if (template === undefined) throw new Error('no such message in the locale module');
  return typeof template === 'string' ? template : template.strings.join('');
}

afterEach(async () => {
  sessionStorage.clear();
  await useLanguage('es');
});

describe('languages', () => {
  for (const language of TARGETS) {
    it(`${language}: every message has a translation, and the build has every message`, async () => {
      const units = await xliffUnits(language);
      expect(units.size).to.be.greaterThan(50);
      const missing = [...units].filter(([, target]) => !target).map(([id]) => id);
      expect(missing, `untranslated in ${language}.xlf`).to.deep.equal([]);
      expect(Object.keys(await templates(language)).sort()).to.deep.equal([...units.keys()].sort());
    });
  }

  for (const language of LANGUAGES) {
    it(`${language}: the screens render in that language`, async () => {
      const customer = await newCustomer({ language, open: 1, closed: 1 });
      const el = await mountPortal({ lang: language });
      const login = await screenNamed(el, 'sp-login-screen');
      const expect_ = async (root: Element, id: string) => {
        const text = language === 'es' ? m(id) : plain((await templates(language))[id]);
        await waitForText(root, text);
      };
      await expect_(login, 'login.heading');
      expect($(el, '.portal')!.getAttribute('lang')).to.equal(language);
      await logIn(el, customer);
      const home = await screenNamed(el, 'sp-home-screen');
      await expect_(home, 'home.open.hint');
      await expect_(await openAccountMenu(el), 'portal.logout');
    });
  }

  it('follows the lang attribute before login, and the profile language after it', async () => {
    const customer = await newCustomer({ language: 'it' });
    const el = await mountPortal({ lang: 'fr' });
    await waitForText(el, plain((await templates('fr'))['portal.contact']));
    el.lang = 'en';
    await waitForText(el, plain((await templates('en'))['portal.contact']));
    await logIn(el, customer);
    await waitForText(el, plain((await templates('it'))['portal.contact']));
  });

  it("uses the browser's language when the page gives none, and Spanish when it is not one of the six", async () => {
    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
    try {
      Object.defineProperty(navigator, 'languages', {
        configurable: true,
        get: () => ['it-IT', 'en'],
      });
      const italian = await fixture<SupportPortal>(
        html`<support-portal api=${API} storage-key="browser-it"></support-portal>`,
      );
      await waitForText(italian, plain((await templates('it'))['login.heading']));
      italian.remove();
      Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['de-DE'] });
      const spanish = await fixture<SupportPortal>(
        html`<support-portal api=${API} storage-key="browser-de"></support-portal>`,
      );
      await waitForText(spanish, m('login.email'));
    } finally {
      delete (navigator as unknown as Record<string, unknown>).languages;
      Object.defineProperty(Navigator.prototype, 'languages', languages);
    }
  });

  it('saves a language chosen in the portal to the profile and tells the host', async () => {
    const customer = await newCustomer({ language: 'es' });
    const el = await mountPortal();
    await logIn(el, customer);
    await screenNamed(el, 'sp-home-screen');
    const changes: string[] = [];
    el.addEventListener('support-portal-language-change', (event) =>
      changes.push(event.detail.language),
    );
    const select = $(el, 'select[part="language"]') as HTMLSelectElement;
    select.value = 'ca';
    select.dispatchEvent(new Event('change'));
    await waitForText(el, plain((await templates('ca'))['portal.home']));
    expect(changes).to.deep.equal(['ca']);

    const login = await fetch(`${API}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customer.email, password: customer.password }),
    });
    const { token } = await login.json();
    await waitUntil(async () => {
      const me = await fetch(`${API}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      return (await me.json()).language === 'ca';
    }, 'the profile language was never saved');
  });

  it('formats dates in the active language', async () => {
    const customer = await newCustomer({ language: 'en', open: 1 });
    const el = await mountPortal({ lang: 'en' });
    await logIn(el, customer);
    button(
      await screenNamed(el, 'sp-home-screen'),
      plain((await templates('en'))['home.open']),
    ).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, `${customer.tickets.open[0]}`);
    const englishDate = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date());
    expect(visibleText(list)).to.include(englishDate.slice(0, 3));
  });
});
