import { expect, waitUntil } from '@open-wc/testing';
import { $, hostMarkup, loggedInPortal, seriousViolations } from './helpers.ts';
import { openTicket } from './ticket-flow-helpers.ts';

/** The details of a ticket in a portal `width` pixels wide, and where its parts are drawn. */
async function detailsAt(width: number) {
  const frame = hostMarkup('');
  frame.style.width = `${width}px`;
  const { el, customer } = await loggedInPortal({ open: 1 });
  frame.append(el);
  const details = await openTicket(el, customer.tickets.open[0]!);
  await waitUntil(() => $(details, '.people'), 'people in copy');
  const box = (selector: string) => $(details, selector)!.getBoundingClientRect();
  const facts = [...details.shadowRoot!.querySelectorAll('.facts > div')].map((fact) =>
    fact.getBoundingClientRect(),
  );
  return {
    el,
    facts: box('.facts'),
    factRows: facts,
    thread: box('.conversation'),
    people: box('.people'),
  };
}

describe('ticket details layout', () => {
  it('puts the facts and the people in copy in a side column beside the conversation when wide', async () => {
    const { el, facts, thread, people } = await detailsAt(1000);
    expect(facts.left).to.be.at.least(thread.right);
    expect(people.left).to.be.at.least(thread.right);
    expect(people.top).to.be.at.least(facts.bottom);
    expect(facts.top).to.be.below(thread.top + 50);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('shows the facts as a compact header above the conversation when narrow, within 320 px', async () => {
    const { el, facts, factRows, thread } = await detailsAt(320);
    expect(facts.bottom).to.be.at.most(thread.top);
    // Compact: two facts side by side.
    expect(new Set(factRows.map((fact) => Math.round(fact.left))).size).to.equal(2);
    expect(el.scrollWidth).to.be.at.most(320);
  });
});
