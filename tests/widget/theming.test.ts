/**
 * Theming from the host page, as a host writes it: `support-portal::part(...)` reaches every
 * element with a part inside the screens, however deep, under the name widget/parts.ts exports;
 * the dark scheme reads the `-dark` colours and the light one the plain ones.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../widget/support-portal.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';
import { INNER_PARTS, outerParts, type PartsOwner } from '../../widget/parts.ts';
import {
  $,
  button,
  currentScreen,
  loggedInPortal,
  mountPortal,
  openAccountMenu,
  screenNamed,
  type,
} from './helpers.ts';
import { m } from './messages.ts';

/** `<support-portal>`'s own parts. */
const OWN_PARTS = ['base', 'header', 'title', 'language', 'main', 'footer'];
const EXPORTED = (Object.keys(INNER_PARTS) as PartsOwner[]).flatMap(outerParts);
/** A colour nothing in the portal uses, set by the host's rule on every part it names. */
const MARK = 'rgb(1, 2, 3)';

let hostStyle: HTMLStyleElement | null = null;

/** The host page's stylesheet. */
function hostCss(text: string): void {
  hostStyle = document.createElement('style');
  hostStyle.textContent = text;
  document.head.append(hostStyle);
}

afterEach(async () => {
  hostStyle?.remove();
  hostStyle = null;
  sessionStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
});

/**
 * Every element with a `part` attribute in the portal's shadow trees that the host's rule did
 * not reach (described by its path), and how many were checked.
 */
function unreachedParts(el: SupportPortal): { unreached: string[]; checked: string[] } {
  const unreached: string[] = [];
  const checked: string[] = [];
  const walk = (root: ShadowRoot, path: string) => {
    for (const node of root.querySelectorAll('*')) {
      const part = node.getAttribute('part');
      if (part) {
        const where = `${path} ${node.localName}[part=${part}]`;
        checked.push(where);
        if (getComputedStyle(node).columnRuleColor !== MARK) unreached.push(where);
      }
      if (node.shadowRoot) walk(node.shadowRoot, `${path} > ${node.localName}`);
    }
  };
  walk(el.shadowRoot!, 'support-portal');
  return { unreached, checked };
}

describe('theming', () => {
  it('support-portal::part() reaches every part inside the screens, by its exported name', async () => {
    const names = [...OWN_PARTS, ...EXPORTED];
    hostCss(
      `${names.map((name) => `support-portal::part(${name})`).join(',\n')} { column-rule-color: ${MARK}; }`,
    );
    const { el, customer } = await loggedInPortal({ open: 2, solutions: 1 });
    const checked = new Set<string>();
    const expectAllReached = () => {
      const result = unreachedParts(el);
      expect(result.unreached).to.deep.equal([]);
      result.checked.forEach((where) => checked.add(where));
    };

    await openAccountMenu(el);
    expectAllReached();

    // New ticket, step 1: the menu, then a filter that matches nothing.
    el.open('new-ticket');
    const newTicket = await screenNamed(el, 'sp-new-ticket-screen');
    await waitUntil(() => $(newTicket, 'sp-category-menu'), 'no category menu', {
      timeout: 10_000,
    });
    expectAllReached();
    const menu = $(newTicket, 'sp-category-menu')!;
    type(menu.shadowRoot!.querySelector('input'), 'zzzz-nothing-matches');
    await waitUntil(() => menu.shadowRoot!.querySelector('[part="no-match"]'), 'no no-match', {
      timeout: 10_000,
    });
    expectAllReached();

    // Step 2 (the form with its file picker), then the summary.
    el.prefill({ category: 'infra.network.vpn', urgency: 'medium', description: 'VPN down.' });
    await waitUntil(() => $(currentScreen(el), 'form[part="form"]'), 'no form', {
      timeout: 10_000,
    });
    expectAllReached();
    $(currentScreen(el), 'button[type="submit"]')!.click();
    const created = await screenNamed(el, 'sp-ticket-created-screen');
    await waitUntil(() => $(created, '[part="summary"]'), 'no summary', { timeout: 10_000 });
    expectAllReached();

    // A ticket's details (thread, reply box, attach a file), then its proposed solution.
    el.open('ticket', { number: customer.tickets.open[0]! });
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitUntil(() => $(details, 'sp-ticket-reply-box'), 'no reply box', { timeout: 10_000 });
    expectAllReached();
    button(details, m('details.answer_solution')).click();
    await screenNamed(el, 'sp-solution-screen');
    await waitUntil(() => $(currentScreen(el), '[part="accept"]'), 'no accept button', {
      timeout: 10_000,
    });
    expectAllReached();

    // The walk saw parts of every level: the root, a screen, an element inside a screen, and one
    // inside that (the reply box's file picker).
    const seen = [...checked].join('\n');
    for (const expected of [
      'support-portal header[part=header]',
      'support-portal > sp-account-menu div[part=panel]',
      'support-portal > sp-new-ticket-screen > sp-category-menu button[part=option]',
      'support-portal > sp-new-ticket-screen form[part=form]',
      'support-portal > sp-ticket-details-screen > sp-ticket-thread li[part=message]',
      'support-portal > sp-ticket-details-screen > sp-ticket-reply-box > sp-file-picker',
      'support-portal > sp-solution-screen button[part=accept]',
      'support-portal > sp-ticket-created-screen dl[part=summary]',
    ]) {
      expect(seen).to.include(expected);
    }
  });

  it('the inner names are the only way in: an inner name alone styles nothing inside', async () => {
    hostCss(
      `support-portal::part(form), support-portal::part(button) { column-rule-color: ${MARK}; }`,
    );
    const { el } = await loggedInPortal();
    el.prefill({ category: 'infra.network.vpn', urgency: 'medium', description: 'VPN down.' });
    await waitUntil(() => $(currentScreen(el), 'form[part="form"]'), 'no form', {
      timeout: 10_000,
    });
    const form = $(currentScreen(el), 'form[part="form"]')!;
    expect(getComputedStyle(form).columnRuleColor).to.not.equal(MARK);
  });

  it('the dark scheme reads the -dark colours, the light one the plain ones', async () => {
    hostCss(`support-portal {
      --sp-color-primary: rgb(150, 0, 0);
      --sp-color-primary-dark: rgb(0, 150, 0);
      --sp-color-background: rgb(250, 250, 240);
      --sp-color-background-dark: rgb(10, 10, 40);
    }`);
    const el = await mountPortal();
    const portal = el.shadowRoot!.querySelector<HTMLElement>('.portal')!;
    const contact = el.shadowRoot!.querySelector<HTMLElement>('footer button')!;
    const colours = () => [
      getComputedStyle(contact).color,
      getComputedStyle(portal).backgroundColor,
    ];
    const light = ['rgb(150, 0, 0)', 'rgb(250, 250, 240)'];
    const dark = ['rgb(0, 150, 0)', 'rgb(10, 10, 40)'];

    expect(colours()).to.deep.equal(light);
    el.scheme = 'dark';
    await el.updateComplete;
    expect(colours()).to.deep.equal(dark);

    // `auto` follows the system's preference.
    el.scheme = 'auto';
    await el.updateComplete;
    await emulateMedia({ colorScheme: 'dark' });
    expect(colours()).to.deep.equal(dark);
    el.scheme = 'light';
    await el.updateComplete;
    expect(colours()).to.deep.equal(light);
  });

  it('the captcha follows the portal’s scheme, not ALTCHA’s own light default', async () => {
    const el = await mountPortal();
    el.scheme = 'dark';
    button(await screenNamed(el, 'sp-login-screen'), m('login.forgot')).click();
    const forgot = await screenNamed(el, 'sp-forgot-password-screen');
    await waitUntil(
      () => $(forgot, 'sp-captcha')?.shadowRoot?.querySelector('.altcha-main'),
      'no captcha',
      { timeout: 10_000 },
    );
    const box = $(forgot, 'sp-captcha')!.shadowRoot!.querySelector('.altcha-main')!;
    const portal = el.shadowRoot!.querySelector('.portal')!;
    // The dark scheme's default background and text (theme.ts), as the rest of the portal.
    expect(getComputedStyle(portal).backgroundColor).to.equal('rgb(22, 25, 29)');
    expect(getComputedStyle(box).backgroundColor).to.equal('rgb(22, 25, 29)');
    expect(getComputedStyle(box).color).to.equal('rgb(232, 234, 237)');
  });
});
