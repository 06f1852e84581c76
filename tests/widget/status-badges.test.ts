import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { TicketStatus } from '../../contract/domain.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';
import { NavigateEvent } from '../../widget/navigation.ts';
import {
  $$,
  currentScreen,
  deskComment,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  waitForText,
} from './helpers.ts';
import { m } from './messages.ts';
import { customerWithEveryStatus, openTicket } from './ticket-flow-helpers.ts';

/** WCAG 2.x relative luminance of a computed `rgb(r, g, b)` colour. */
function luminance(color: string): number {
  const [r, g, b] = color
    .match(/\d+(\.\d+)?/g)!
    .slice(0, 3)
    .map(Number);
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

interface Seen {
  status: TicketStatus;
  text: string;
  icon: boolean;
  color: string;
  background: string;
}

/** The badges a screen shows, read as a user sees them: name, icon and computed colours. */
function badgesOf(screen: Element): Seen[] {
  return $$(screen, 'sp-status-badge').map((badge) => {
    const base = badge.shadowRoot!.querySelector<HTMLElement>('.badge')!;
    const style = getComputedStyle(base);
    return {
      status: badge.getAttribute('status') as TicketStatus,
      text: base.textContent!.trim(),
      icon: base.querySelector('svg[aria-hidden="true"]') !== null,
      color: style.color,
      background: style.backgroundColor,
    };
  });
}

const showList = async (el: SupportPortal, state: 'open' | 'closed') => {
  currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'tickets', state }));
  const list = await screenNamed(el, 'sp-ticket-list-screen');
  await waitUntil(() => $$(list, 'sp-status-badge').length > 0, 'badges');
  return list;
};

describe('status badges', () => {
  // Colours are read once the scheme has switched, not halfway through a transition.
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('every status has an icon, its name and colours of 4.5:1 or more, in light and in dark', async () => {
    const { customer, fresh, asked, answered, solved } = await customerWithEveryStatus(1);
    const el = await mountPortal();
    el.setAttribute('scheme', 'light');
    await logIn(el, customer);

    const seen: Record<string, Seen[]> = { light: [], dark: [] };
    for (const scheme of ['light', 'dark'] as const) {
      el.setAttribute('scheme', scheme);
      for (const state of ['open', 'closed'] as const) {
        const list = await showList(el, state);
        await waitUntil(() => $$(list, 'li').length === (state === 'open' ? 4 : 1), 'all rows');
        seen[scheme]!.push(...badgesOf(list));
      }
    }

    for (const scheme of ['light', 'dark'] as const) {
      const badges = seen[scheme]!;
      expect(badges.map((badge) => badge.status).sort()).to.deep.equal(
        ['closed', 'in_progress', 'new', 'resolved', 'waiting_for_customer'],
        `${fresh} ${asked} ${answered} ${solved}`,
      );
      for (const badge of badges) {
        expect(badge.text).to.equal(m(`status.${badge.status}`));
        expect(badge.icon, `${badge.status} icon`).to.equal(true);
        const ratio = contrast(badge.color, badge.background);
        expect(
          ratio,
          `${scheme} ${badge.status}: ${badge.color} on ${badge.background}`,
        ).to.be.at.least(4.5);
      }
      // Each status its own colour: no two statuses look alike.
      expect(new Set(badges.map((badge) => badge.color)).size).to.equal(5);
    }
    // The dark scheme really has colours of its own.
    const darkNew = seen.dark!.find((badge) => badge.status === 'new')!;
    const lightNew = seen.light!.find((badge) => badge.status === 'new')!;
    expect(darkNew.background).not.to.equal(lightNew.background);

    el.setAttribute('scheme', 'light');
    const list = await showList(el, 'open');
    expect(await seriousViolations(el)).to.deep.equal([]);
    el.setAttribute('scheme', 'dark');
    await list.updateComplete;
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('the details header shows the ticket status as the same badge', async () => {
    const customer = await newCustomer({ open: 1 });
    const [number] = customer.tickets.open as [number];
    await deskComment(number, '¿Qué versión usa?', true);
    const el = await mountPortal();
    await logIn(el, customer);
    const details = await openTicket(el, number);
    await waitForText(details, m('status.waiting_for_customer'));
    const [badge] = badgesOf(details);
    expect(badge).to.include({ status: 'waiting_for_customer', icon: true });
    expect(badge!.text).to.equal(m('status.waiting_for_customer'));
  });
});
