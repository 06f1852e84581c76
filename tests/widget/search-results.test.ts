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
} from './helpers.ts';
import { m } from './messages.ts';

describe('search results', () => {
  it('come under a Search results heading, open and closed apart, each with its status badge', async () => {
    const { el, customer } = await loggedInPortal({ open: 2, closed: 1, solutions: 1 });
    const [solved, fresh] = customer.tickets.open as [number, number];
    const [closed] = customer.tickets.closed as [number];
    button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitUntil(() => $$(list, 'li').length === 2, 'the open list');
    expect($(list, '#results-heading')).to.equal(null);

    const box = $(list, 'sp-ticket-search-box')!;
    type($(box, 'input'), 'ticket');
    $(box, 'button[type="submit"]')!.click();
    await waitUntil(() => $$(list, 'li').length === 3, 'three results');

    const section = $(list, 'section[aria-labelledby="results-heading"]')!;
    expect($(list, '#results-heading')!.textContent!.trim()).to.equal(m('search.results'));
    const group = (id: string) => ({
      heading: $(list, `#${id}`)!.textContent!.trim(),
      rows: [...section.querySelectorAll<HTMLElement>(`ul[aria-labelledby="${id}"] li`)].map(
        (row) => [Number(row.dataset.number), row.querySelector('sp-status-badge')!.status],
      ),
    });
    expect(group('results-open')).to.deep.equal({
      heading: m('search.open'),
      rows: [
        [fresh, 'new'],
        [solved, 'resolved'],
      ],
    });
    expect(group('results-closed')).to.deep.equal({
      heading: m('search.closed'),
      rows: [[closed, 'closed']],
    });
    expect(visibleText(section)).to.include(m('status.closed'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });
});
