import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { routeFromPath } from '../../widget/navigation.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';
import {
  $$,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  visibleText,
  type TestCustomer,
} from './helpers.ts';
import { m } from './messages.ts';
import { customerWithEveryStatus, deepActiveElement } from './ticket-flow-helpers.ts';

/** The numbers the list shows now. */
const rows = (list: HTMLElement) => $$(list, 'li').map((item) => Number(item.dataset.number));

/** The numbers the list shows once it has loaded. */
async function shownNumbers(list: HTMLElement): Promise<number[]> {
  await waitUntil(() => list.shadowRoot!.querySelector('ul[aria-busy="false"]'), 'list loaded');
  return rows(list);
}

function filterButton(list: HTMLElement, filter: string): HTMLButtonElement {
  const group = list.shadowRoot!.querySelector('sp-ticket-filter')!.shadowRoot!;
  return group.querySelector<HTMLButtonElement>(`button[data-filter="${filter}"]`)!;
}

/** Four open tickets, each in another state, and which of them show a new reply. */
async function customerWithEveryStatusListed() {
  const { customer, client, solved, fresh, asked, answered } = await customerWithEveryStatus();
  const withNewReply = (await client.tickets('open')).items
    .filter((ticket) => ticket.newReply)
    .map((ticket) => ticket.number);
  return { customer, solved, fresh, asked, answered, withNewReply };
}

async function openList(customer: TestCustomer, routing: string, storageKey?: string) {
  const el = await mountPortal({ routing, ...(storageKey && { storageKey }) });
  await logIn(el, customer);
  return el;
}

const listOf = (el: SupportPortal) => screenNamed(el, 'sp-ticket-list-screen');

describe('the open list filter', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('shows only the chosen statuses, keeps the filter in the URL, and comes back with a reload and the back button', async () => {
    const { customer, solved, fresh, asked, answered, withNewReply } =
      await customerWithEveryStatusListed();
    location.hash = '#sp/tickets/open';
    const el = await openList(customer, 'hash');
    let list = await listOf(el);
    expect((await shownNumbers(list)).sort()).to.deep.equal(
      [solved, fresh, asked, answered].sort(),
    );
    expect(filterButton(list, 'all').getAttribute('aria-pressed')).to.equal('true');
    const labels = ['all', 'waiting', 'new-reply', 'in-progress', 'solution'].map((filter) =>
      filterButton(list, filter).textContent!.trim(),
    );
    expect(labels).to.deep.equal([
      m('filter.all'),
      m('filter.waiting'),
      m('tickets.newReply'),
      m('status.in_progress'),
      m('status.resolved'),
    ]);

    const expected: [string, number[]][] = [
      ['waiting', [asked]],
      ['in-progress', [answered]],
      ['solution', [solved]],
      ['new-reply', withNewReply],
    ];
    expect(withNewReply).to.include(asked);
    for (const [filter, numbers] of expected) {
      // By keyboard, as focus is what the router must leave alone.
      filterButton(list, filter).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => location.hash === `#sp/tickets/open/${filter}`, `hash for ${filter}`);
      list = await listOf(el);
      await waitUntil(() => rows(list).length === numbers.length, `${filter} rows`);
      expect((await shownNumbers(list)).sort(), filter).to.deep.equal([...numbers].sort());
      expect(filterButton(list, filter).getAttribute('aria-pressed')).to.equal('true');
      // Focus stays on the filter just pressed, not on the heading.
      expect(deepActiveElement() === filterButton(list, filter), 'focus on the filter').to.equal(
        true,
      );
    }
    expect(await seriousViolations(el)).to.deep.equal([]);

    // A reload shows the same filter.
    const key = el.storageKey;
    el.remove();
    const again = await mountPortal({ routing: 'hash', storageKey: key });
    list = await listOf(again);
    expect(await shownNumbers(list)).to.deep.equal(withNewReply.sort((a, b) => b - a));
    expect(filterButton(list, 'new-reply').getAttribute('aria-pressed')).to.equal('true');

    // Back goes to the filter before.
    history.back();
    await waitUntil(() => location.hash === '#sp/tickets/open/solution', 'back');
    await waitUntil(
      () => filterButton(list, 'solution').getAttribute('aria-pressed') === 'true',
      'solution filter pressed again',
    );
    expect(await shownNumbers(list)).to.deep.equal([solved]);
  });

  it('with history routing, the back button restores the filter too; an empty filter says so', async () => {
    const customer = await newCustomer({ open: 1 });
    const el = await openList(customer, 'history');
    (await screenNamed(el, 'sp-home-screen')).shadowRoot!.querySelectorAll('button')[1]!.click();
    let list = await listOf(el);
    expect(await shownNumbers(list)).to.deep.equal(customer.tickets.open);
    filterButton(list, 'waiting').click();
    list = await listOf(el);
    await waitUntil(() => visibleText(list).includes(m('filter.none')), 'no waiting ticket');
    expect(rows(list)).to.deep.equal([]);
    history.back();
    await waitUntil(
      () => filterButton(list, 'all').getAttribute('aria-pressed') === 'true',
      'all again',
    );
    await waitUntil(() => rows(list).length === 1, 'the ticket again');
  });

  it('reads only known filters of the open list from a path', () => {
    expect(routeFromPath('tickets/open/waiting')).to.deep.equal({
      screen: 'tickets',
      state: 'open',
      filter: 'waiting',
    });
    for (const path of [
      'tickets/open/all',
      'tickets/open/closed',
      'tickets/closed/waiting',
      'tickets/open/waiting/x',
    ]) {
      expect(routeFromPath(path), path).to.equal(null);
    }
  });

  it('opens the reply box for the add-information paths it replaced', () => {
    const reply = { screen: 'ticket', number: 1002, reply: true };
    expect(routeFromPath('ticket/1002/reply')).to.deep.equal(reply);
    expect(routeFromPath('add-information/1002')).to.deep.equal(reply);
    for (const path of ['add-information', 'add-information/x', 'add-information/1002/reply']) {
      expect(routeFromPath(path), path).to.equal(null);
    }
  });
});
