/**
 * Guidance in the category menu, in Chromium: a category's help (a text and links) shows when
 * the customer reaches it and above the form, as text, its links opening a new tab without
 * access to the page; the filter also matches keywords, in the customer's language, accents
 * ignored.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CategoryNode } from '../../contract/types.ts';
import '../../widget/components/category-menu.ts';
import type { CategoryMenu } from '../../widget/components/category-menu.ts';
import { useLanguage } from '../../widget/i18n/localization.ts';
import {
  $,
  $$,
  button,
  loggedInPortal,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
} from './helpers.ts';
import { help as helpOf, label, path } from './categories.ts';
import { m } from './messages.ts';
import { textOf } from './ticket-flow-helpers.ts';

type Screen = HTMLElement & { updateComplete: Promise<boolean> };

afterEach(async () => {
  sessionStorage.clear();
  await useLanguage('es');
});

async function newTicketMenu(language: 'es' | 'en' | 'fr') {
  const { el } = await loggedInPortal({ language });
  const home = await screenNamed(el, 'sp-home-screen');
  $(home, 'button.primary')!.click();
  const form = (await screenNamed(el, 'sp-new-ticket-screen')) as Screen;
  await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu', { timeout: 10_000 });
  return { el, form, menu: $(form, 'sp-category-menu') as CategoryMenu };
}

async function filter(menu: CategoryMenu, text: string): Promise<string[]> {
  type($(menu, '#filter'), text);
  await menu.updateComplete;
  return $$(menu, '[part~="option"]').map(
    (option) =>
      `${textOf(option.querySelector('.path'))} › ${textOf(option.querySelector('.label'))}`,
  );
}

describe('category guidance', () => {
  it('shows a branch’s help when it is opened, and again above the form', async () => {
    const { form, menu } = await newTicketMenu('es');
    expect($(menu, '[part="help"]')).to.equal(null);
    button(menu, label('infra')).click();
    await menu.updateComplete;
    button(menu, label('infra.mail')).click();
    await menu.updateComplete;

    const help = $(menu, '[part="help"]')!;
    expect(textOf(help.querySelector('p'))).to.equal(helpOf('infra.mail').text);
    const link = help.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://status.example.com');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(textOf(link)).to.equal(`${helpOf('infra.mail').links[0]} ${m('categoryHelp.newTab')}`);
    expect(await seriousViolations(menu)).to.deep.equal([]);

    button(menu, label('infra.mail.receive')).click();
    await waitUntil(() => $(form, 'form'), 'the form never showed');
    const above = $(form, '[part="help"]')!;
    expect(textOf(above)).to.include(helpOf('infra.mail').text);
    const position = above.compareDocumentPosition($(form, 'form')!);
    expect(position & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(await seriousViolations(form)).to.deep.equal([]);
  });

  it('says nothing for a category without help', async () => {
    const { form, menu } = await newTicketMenu('es');
    button(menu, label('software')).click();
    await menu.updateComplete;
    button(menu, label('software.erp')).click();
    await menu.updateComplete;
    expect($(menu, '[part="help"]')).to.equal(null);
    button(menu, label('software.erp.error')).click();
    await waitUntil(() => $(form, 'form'), 'the form never showed');
    expect($(form, '[part="help"]')).to.equal(null);
  });

  it('"password" finds Access and login in English', async () => {
    const { menu } = await newTicketMenu('en');
    const found = await filter(menu, 'password');
    expect(found).to.include(path('account.access.locked', 'en').join(' › '));
    expect(found.every((shown) => shown.includes(label('account.access', 'en')))).to.equal(true);
  });

  it('"contraseña" finds Acceso e inicio de sesión in Spanish, typed with or without accents', async () => {
    const { menu } = await newTicketMenu('es');
    for (const query of ['contraseña', 'CONTRASENA']) {
      const found = await filter(menu, query);
      expect(found, query).to.include(path('account.access.locked').join(' › '));
    }
    expect(await filter(menu, 'password')).to.deep.equal([]);
  });

  it('"mot de passe" finds Accès et connexion in French', async () => {
    const { menu } = await newTicketMenu('fr');
    const found = await filter(menu, 'mot de passe');
    expect(found).to.include(path('account.access.locked', 'fr').join(' › '));
  });
});

describe('category help from the API is text', () => {
  it('never markup, and only https links become links', async () => {
    const tree: CategoryNode[] = [
      {
        id: 'area',
        label: 'Área',
        keywords: [],
        help: {
          text: '<img src=x onerror="window.pwned=1"><b>Lea esto</b>',
          links: [
            { label: '<i>Estado</i>', url: 'https://status.example.com' },
            { label: 'Trampa', url: 'javascript:window.pwned=1' },
            { label: 'Sin cifrar', url: 'http://status.example.com' },
          ],
        },
        children: [{ id: 'area.leaf', label: 'Hoja', help: null, keywords: [], children: [] }],
      },
    ];
    const menu = await fixture<CategoryMenu>(
      html`<sp-category-menu .categories=${tree}></sp-category-menu>`,
    );
    button(menu, 'Área').click();
    await menu.updateComplete;
    const help = $(menu, '[part="help"]')!;
    expect(help.querySelector('img, b, i')).to.equal(null);
    expect(visibleText(help)).to.include('<img src=x onerror="window.pwned=1"><b>Lea esto</b>');
    expect([...help.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://status.example.com',
    ]);
    expect(visibleText(help)).not.to.include('Trampa');
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });
});
