import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, button, loggedInPortal, screenNamed, waitForText } from './helpers.ts';
import { m } from './messages.ts';
import { tabTo } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

/** The partner demo's brand colour, as the host page sets it and as computed styles give it. */
const BRAND = '#1f6b3a';
const BRAND_RGB = 'rgb(31, 107, 58)';

function starOf(radio: Element): HTMLElement {
  return radio.closest('.star') as HTMLElement;
}

describe('rating stars as the customer sees them in the portal', () => {
  it('shows keyboard focus as an outline and chosen stars in the theme colour', async () => {
    const { el, customer } = await loggedInPortal({ closed: 1 });
    el.style.setProperty('--sp-color-primary', BRAND);
    const number = customer.tickets.closed[0]!;
    button(await screenNamed(el, 'sp-home-screen'), m('home.closed')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', number));
    button(list, m('ticket.number', number)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, m('ticketRating.none'));
    const section = $(details, 'sp-ticket-rating')!;
    button(section, m('ticketRating.rate')).click();
    await waitUntil(() => $(section, 'sp-rating-form'), 'no rating form', { timeout: 10_000 });
    const form = $(section, 'sp-rating-form')!;
    const radios = $$(form, 'input[name="score"]');

    // Nothing chosen: every star has a border, none is in the brand colour.
    for (const radio of radios) {
      const style = getComputedStyle(starOf(radio));
      expect(style.borderTopStyle).to.equal('solid');
      expect(parseFloat(style.borderTopWidth)).to.be.greaterThan(0);
      expect(style.color).not.to.equal(BRAND_RGB);
    }

    // Real key presses reach the first star; its box shows the focus ring.
    const first = await tabTo((active) => active === radios[0]);
    const focused = getComputedStyle(starOf(first));
    expect(focused.outlineStyle).not.to.equal('none');
    expect(parseFloat(focused.outlineWidth)).to.be.greaterThan(0);
    expect(getComputedStyle(starOf(radios[1]!)).outlineStyle).to.equal('none');

    // Arrows choose: stars up to the chosen one turn the brand colour; focus follows.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => (radios[3] as HTMLInputElement).checked, 'the fourth star not chosen');
    await (form as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    const colours = radios.map((radio) => getComputedStyle(starOf(radio)).color);
    expect(colours.slice(0, 4)).to.deep.equal([BRAND_RGB, BRAND_RGB, BRAND_RGB, BRAND_RGB]);
    expect(colours[4]).not.to.equal(BRAND_RGB);
    const fourth = getComputedStyle(starOf(radios[3]!));
    expect(fourth.outlineStyle).not.to.equal('none');
    expect(parseFloat(fourth.outlineWidth)).to.be.greaterThan(0);
    expect(getComputedStyle(starOf(first)).outlineStyle).to.equal('none');
  });
});
