import { expect, waitUntil } from '@open-wc/testing';
import {
  $$,
  button,
  deskComment,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  visibleText,
  waitForText,
} from './helpers.ts';
import { m } from './messages.ts';

const numbersOf = (list: HTMLElement) => $$(list, 'li').map((item) => Number(item.dataset.number));

describe('waiting for your reply first', () => {
  it('the open list shows the tickets waiting for the customer first, labelled, then the others newest first, each once across pages', async () => {
    // 23 tickets: the two oldest wait for the customer, then a page of 20 others and one more.
    const customer = await newCustomer({ open: 23 });
    const open = customer.tickets.open;
    const [oldest, second] = open as [number, number];
    await deskComment(oldest, '¿Qué versión usa?', true);
    await deskComment(second, '¿Desde cuándo?', true);
    const el = await mountPortal();
    await logIn(el, customer);
    button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitUntil(() => $$(list, 'li').length === 22, 'two waiting and a page of others');

    const others = open.slice(2).sort((a, b) => b - a);
    expect(numbersOf(list)).to.deep.equal([second, oldest, ...others.slice(0, 20)]);
    const [first] = $$(list, 'li');
    expect(visibleText(first!)).to.include(m('status.waiting_for_customer'));
    expect(first!.classList.contains('waiting')).to.equal(true);

    button(list, m('tickets.more')).click();
    await waitUntil(
      () => !$$(list, 'button').some((b) => b.textContent!.includes(m('tickets.more'))),
    );
    expect(numbersOf(list)).to.deep.equal([second, oldest, ...others]);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('home lists the tickets waiting for the customer first, with their titles, and opens one', async () => {
    const customer = await newCustomer({ open: 2 });
    const [asked, other] = customer.tickets.open as [number, number];
    await deskComment(asked, '¿Qué versión usa?', true);
    const el = await mountPortal();
    await logIn(el, customer);
    const home = await screenNamed(el, 'sp-home-screen');
    await waitForText(home, m('home.waiting', 1));
    const section = home.shadowRoot!.querySelector<HTMLElement>('section.waiting')!;
    const text = visibleText(section);
    expect(text).to.include(m('ticket.number', asked));
    expect(text).to.include('Open ticket 1');
    expect(text).to.include(m('status.waiting_for_customer'));
    expect(text).not.to.include(m('ticket.number', other));
    // It comes before the main actions.
    const heading = section.querySelector('h3')!;
    const newTicket = button(home, m('home.new'));
    expect(
      heading.compareDocumentPosition(newTicket) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.not.equal(0);
    expect(await seriousViolations(el)).to.deep.equal([]);

    button(home, m('ticket.number', asked)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, '¿Qué versión usa?');
  });
});
