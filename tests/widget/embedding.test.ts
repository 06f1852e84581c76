import { expect } from '@open-wc/testing';
import type { SupportPortal } from '../../widget/support-portal.ts';
import {
  $,
  button,
  currentScreen,
  hostMarkup,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  visibleText,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { m, translated } from './messages.ts';

afterEach(() => {
  sessionStorage.clear();
  document.querySelectorAll('style[data-hostile]').forEach((style) => style.remove());
});

const PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'letter-spacing',
  'line-height',
  'text-transform',
  'text-align',
  'padding-top',
  'margin-bottom',
  'border-top-width',
  'display',
  'visibility',
] as const;

function styleOf(element: Element): Record<string, string> {
  const computed = getComputedStyle(element);
  return Object.fromEntries(PROPERTIES.map((name) => [name, computed.getPropertyValue(name)]));
}

/** The computed styles of the parts of the login screen a hostile page would try to change. */
function loginStyles(el: SupportPortal): Record<string, Record<string, string>> {
  const login = currentScreen(el);
  return {
    base: styleOf($(el, '.portal')!),
    title: styleOf($(el, '[part="title"]')!),
    heading: styleOf($(login, 'h2')!),
    input: styleOf($(login, '#email')!),
    submit: styleOf($(login, 'button.primary')!),
    text: styleOf($(login, 'p')!),
  };
}

const HOSTILE = `
  html { font-size: 31px !important; }
  * {
    color: #f00 !important; background-color: #ff0 !important; font-family: fantasy !important;
    font-style: italic !important; font-weight: 100 !important; letter-spacing: 5px !important;
    line-height: 4 !important; text-transform: uppercase !important; text-align: right !important;
    padding: 17px !important; margin: 23px !important; border: 7px solid #0f0 !important;
    visibility: visible !important;
  }
  h2, p, button, input, div, form, label, span, header, footer { display: inline !important; }
  support-portal { font-size: 40px !important; }
`;

describe('embedding', () => {
  it('is not changed by a hostile host stylesheet', async () => {
    const el = await mountPortal();
    await screenNamed(el, 'sp-login-screen');
    const before = loginStyles(el);
    const style = document.createElement('style');
    style.dataset.hostile = '';
    style.textContent = HOSTILE;
    document.head.append(style);
    const after = loginStyles(el);
    expect(after).to.deep.equal(before);
  });

  it('does not leak its styles into the host page', async () => {
    const page = hostMarkup(`<div>
        <h2>Host heading</h2>
        <p>Host text</p>
        <button>Host button</button>
        <input />
      </div>`);
    const probes = [...page.querySelectorAll('h2, p, button, input')];
    expect(probes).to.have.length(4);
    const before = probes.map(styleOf);
    const sheets = document.styleSheets.length + document.adoptedStyleSheets.length;
    const el = await mountPortal();
    await screenNamed(el, 'sp-login-screen');
    expect(probes.map(styleOf)).to.deep.equal(before);
    expect(document.styleSheets.length + document.adoptedStyleSheets.length).to.equal(sheets);
  });

  it('runs two instances on one page independently', async () => {
    const [ana, bruno] = await Promise.all([newCustomer({ open: 1 }), newCustomer({ closed: 1 })]);
    const first = await mountPortal();
    const second = await mountPortal();
    await logIn(first, ana);
    await screenNamed(first, 'sp-home-screen');
    expect(currentScreen(second).localName).to.equal('sp-login-screen');
    await logIn(second, bruno);
    expect(visibleText(first)).to.include(ana.name);
    expect(visibleText(second)).to.include(bruno.name);
    expect(visibleText(second)).not.to.include(ana.name);

    button(await screenNamed(second, 'sp-home-screen'), m('home.closed')).click();
    await waitForText(second, m('ticket.number', bruno.tickets.closed[0]!));
    button(await openAccountMenu(first), m('portal.logout')).click();
    await screenNamed(first, 'sp-login-screen');
    // The second instance keeps its session and can still read its tickets.
    button(
      await screenNamed(second, 'sp-ticket-list-screen'),
      m('ticket.number', bruno.tickets.closed[0]!),
    ).click();
    await waitForText(await screenNamed(second, 'sp-ticket-details-screen'), m('details.timeline'));
  });

  it('loads another language only when it is used', async () => {
    const localeRequests = () =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => /\/i18n\/locales\/(pt|en|fr|it|ca)\.ts/.test(name));
    const el = await mountPortal({ lang: 'es' });
    await screenNamed(el, 'sp-login-screen');
    expect(localeRequests()).to.deep.equal([]);
    el.lang = 'it';
    await waitForText(el, await translated('it', 'portal.contact'));
    expect(
      localeRequests().map((name) => name.replace(/^.*\/locales\//, '').replace(/\?.*$/, '')),
    ).to.deep.equal(['it.ts']);
    el.lang = 'es';
    await waitForText(el, m('portal.contact'));
  });

  it('registers once, and a second define of the same name is harmless', async () => {
    const { defineElement } = await import('../../widget/define.ts');
    const { SupportPortal } = await import('../../widget/support-portal.ts');
    defineElement('support-portal', SupportPortal);
    expect(customElements.get('support-portal')).to.equal(SupportPortal);
    // Nothing of the portal's own on window: only the element's registration.
    expect(Object.keys(window).filter((key) => /portal|support/i.test(key))).to.deep.equal([]);
  });

  it("with hash routing, records its screens as #sp/... and leaves the page's own hashes alone", async () => {
    const customer = await newCustomer();
    const el = await mountPortal({ routing: 'hash' });
    try {
      await logIn(el, customer);
      await screenNamed(el, 'sp-home-screen');
      expect(location.hash).to.equal('#sp/home');
      button(await screenNamed(el, 'sp-home-screen'), m('home.closed')).click();
      await screenNamed(el, 'sp-ticket-list-screen');
      expect(location.hash).to.equal('#sp/tickets/closed');
      location.hash = '#pricing';
      await new Promise((resolve) =>
        window.addEventListener('hashchange', resolve, { once: true }),
      );
      expect(currentScreen(el).localName).to.equal('sp-ticket-list-screen');
      history.back();
      await new Promise((resolve) =>
        window.addEventListener('hashchange', resolve, { once: true }),
      );
      history.back();
      await screenNamed(el, 'sp-home-screen');
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('keeps the back button working inside the portal with history routing', async () => {
    const customer = await newCustomer();
    const el = await mountPortal({ routing: 'history' });
    const url = location.href;
    await logIn(el, customer);
    button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
    await screenNamed(el, 'sp-ticket-list-screen');
    expect(location.href).to.equal(url);
    history.back();
    await screenNamed(el, 'sp-home-screen');
  });
});
