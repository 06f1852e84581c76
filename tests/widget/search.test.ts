import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  $$,
  button,
  loggedInPortal,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
} from './helpers.ts';
import { m } from './messages.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';

afterEach(() => sessionStorage.clear());

async function openTickets(el: SupportPortal) {
  button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
  return screenNamed(el, 'sp-ticket-list-screen');
}

function searchFor(list: Element, query: string) {
  const box = $(list, 'sp-ticket-search-box')!;
  type($(box, 'input'), query);
  $(box, 'button[type="submit"]')!.click();
}

const numbers = (list: Element) => $$(list, 'li').map((item) => Number(item.dataset.number));
const announced = (list: Element) => $(list, '[role="status"]')!.textContent!.trim();

describe('searching tickets', () => {
  it('finds tickets by words in every state, newest first, a page at a time, and says how many', async () => {
    const { el, customer } = await loggedInPortal({ open: 2, closed: 22 });
    const list = await openTickets(el);
    await waitForText(list, m('ticket.number', customer.tickets.open[1]!));
    const box = $(list, 'sp-ticket-search-box')!;
    expect($(box, 'form')!.getAttribute('role')).to.equal('search');
    expect($(box, 'label')!.textContent!.trim()).to.equal(m('search.label'));

    searchFor(list, 'clos');
    const closed = [...customer.tickets.closed].reverse();
    await waitUntil(() => numbers(list)[0] === closed[0], 'results never came', {
      timeout: 10_000,
    });
    expect(numbers(list)).to.deep.equal(closed.slice(0, 20));
    await waitUntil(() => announced(list) === m('search.found', 20));
    // Closed tickets found by a search take no actions, as in the closed list.
    expect($$(list, '.row-actions')).to.have.length(0);
    button(list, m('tickets.more')).click();
    await waitUntil(() => numbers(list).length === 22, 'second page never came');
    expect(numbers(list)).to.deep.equal(closed);
    expect(visibleText(list)).not.to.include(m('tickets.more'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('finds a ticket by its number, says when nothing matches, and goes back to the list', async () => {
    const { el, customer } = await loggedInPortal({ open: 3 });
    const [first, second, third] = customer.tickets.open;
    const list = await openTickets(el);
    await waitForText(list, m('ticket.number', third!));

    searchFor(list, `#${second}`);
    await waitUntil(() => numbers(list).join() === String(second), 'number search failed');
    // An open ticket found keeps its actions.
    expect(button(list, m('tickets.reply', second!)).disabled).to.equal(false);

    searchFor(list, 'NEAR("nada" OR *)');
    await waitForText(list, m('search.none'));
    expect(numbers(list)).to.deep.equal([]);
    expect(announced(list)).to.equal(m('search.none'));

    button($(list, 'sp-ticket-search-box')!, m('search.clear')).click();
    await waitUntil(() => numbers(list).length === 3, 'the whole list never came back');
    expect(numbers(list)).to.deep.equal([third, second, first]);
    expect(visibleText(list)).not.to.include(m('search.clear'));
  });
});
