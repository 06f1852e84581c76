import { expect } from '@open-wc/testing';
import { loggedInPortal, visibleText, waitForText } from './helpers.ts';
import { en, m } from './messages.ts';
import { openTicket } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

describe('timeline', () => {
  it("names the service desk in the customer's language, and the customer by name", async () => {
    const { el, customer } = await loggedInPortal({ open: 1, solutions: 1 });
    const [number] = customer.tickets.open as [number];
    const details = await openTicket(el, number);
    await waitForText(details, m('timeline.solution_proposed'));
    const timeline = visibleText(details).slice(
      visibleText(details).indexOf(m('details.timeline')),
    );
    expect(timeline).to.include(`· ${m('timeline.actor.desk')}`);
    expect(timeline).to.include(`· ${customer.name}`);
    expect(timeline).not.to.include(en('timeline.actor.desk'));
  });
});
