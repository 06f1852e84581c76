import { expect, waitUntil } from '@open-wc/testing';
import {
  $$,
  button,
  deskComment,
  loggedInPortal,
  screenNamed,
  seriousViolations,
  visibleText,
  waitForText,
} from './helpers.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';
import { path } from './categories.ts';
import { m } from './messages.ts';
import { replyBoxOf } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

async function openList(el: SupportPortal, which: 'open' | 'closed') {
  button(await screenNamed(el, 'sp-home-screen'), m(`home.${which}`)).click();
  return screenNamed(el, 'sp-ticket-list-screen');
}

describe('ticket lists', () => {
  it('lists open tickets newest first, with the tick enabled only when a solution awaits', async () => {
    const { el, customer } = await loggedInPortal({ open: 3, solutions: 1 });
    const list = await openList(el, 'open');
    const [first, second, third] = customer.tickets.open;
    await waitForText(list, m('ticket.number', third!));
    const numbers = $$(list, 'li').map((item) => Number(item.dataset.number));
    expect(numbers).to.deep.equal([third, second, first]);
    // The first open ticket got the solution.
    const tick = (n: number) => button(list, m('tickets.answer_solution', n));
    expect(tick(first!).disabled).to.equal(false);
    expect(tick(third!).disabled).to.equal(true);
    expect(button(list, m('tickets.reply', third!)).disabled).to.equal(false);
    expect(visibleText(list)).to.include(m('tickets.solution_pending'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('pages with a keyboard-reachable "more" button, focus landing on the first new ticket', async () => {
    const { el, customer } = await loggedInPortal({ closed: 23 });
    const list = await openList(el, 'closed');
    await waitForText(list, m('tickets.more'));
    expect($$(list, 'li')).to.have.length(20);
    const more = button(list, m('tickets.more'));
    more.focus();
    more.click();
    await waitUntil(() => $$(list, 'li').length === 23, 'second page never came');
    expect(visibleText(list)).not.to.include(m('tickets.more'));
    const oldest = customer.tickets.closed[0];
    expect(list.shadowRoot!.activeElement?.textContent?.trim()).to.equal(
      m('ticket.number', customer.tickets.closed[2]!),
    );
    expect(visibleText(list)).to.include(m('ticket.number', oldest!));
    expect($$(list, '.row-actions')).to.have.length(0);
  });

  it('says so when there are no tickets', async () => {
    const { el } = await loggedInPortal();
    const list = await openList(el, 'closed');
    await waitForText(list, m('tickets.none_closed'));
    button(list, m('tickets.see_open')).click();
    await waitForText(await screenNamed(el, 'sp-ticket-list-screen'), m('tickets.none_open'));
  });

  it('opens the pen and tick actions on their screens', async () => {
    const { el, customer } = await loggedInPortal({ open: 1, solutions: 1 });
    const number = customer.tickets.open[0]!;
    let list = await openList(el, 'open');
    await waitForText(list, m('ticket.number', number));
    button(list, m('tickets.reply', number)).click();
    await replyBoxOf(await screenNamed(el, 'sp-ticket-details-screen'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('header button.link')!.click();
    list = await openList(el, 'open');
    await waitForText(list, m('ticket.number', number));
    button(list, m('tickets.answer_solution', number)).click();
    await screenNamed(el, 'sp-solution-screen');
  });
});

describe('ticket details', () => {
  it('shows everything about a ticket and downloads its attachment with the token', async () => {
    const content = 'Registro del error 4012\n<script>alert(1)</script>';
    const { el, customer } = await loggedInPortal({
      open: 1,
      solutions: 1,
      attachment: { name: 'registro <b>.txt', content },
    });
    const number = customer.tickets.open[0]!;
    await deskComment(number, 'Estamos revisando el registro que nos envió.');
    const list = await openList(el, 'open');
    await waitForText(list, m('ticket.number', number));
    button(list, m('ticket.number', number)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, m('details.timeline'));
    const text = visibleText(details);
    for (const expected of [
      m('status.resolved'),
      m('timeline.solution_proposed'),
      path('infra.network').join(' › '),
      m('urgency.medium'),
      'Open ticket 1',
      'Try this 1',
      m('timeline.created'),
      m('timeline.attachment_added', 'registro <b>.txt'),
      m('timeline.actor.desk'),
      m('timeline.public_comment'),
      'Estamos revisando el registro que nos envió.',
    ]) {
      expect(text).to.include(expected);
    }
    // The day the solution is accepted without an answer: its proposal plus the 7 days of the
    // configuration, as the solution screen says it.
    const thread = details.shadowRoot!.querySelector('sp-ticket-thread')!;
    const solution = [...thread.shadowRoot!.querySelectorAll('.message')].find((message) =>
      message.textContent!.includes(m('timeline.solution_proposed')),
    )!;
    const proposed = solution.querySelector('time')!.getAttribute('datetime')!;
    const deadline = new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(
      Date.parse(proposed) + 7 * 24 * 60 * 60 * 1000,
    );
    expect(text).to.include(m('solution.deadline', deadline));
    // A file name is text, never markup.
    expect(details.shadowRoot!.querySelector('b')).to.equal(null);
    expect(details.shadowRoot!.querySelector('sp-attach-file')).not.to.equal(null);
    expect(await seriousViolations(el)).to.deep.equal([]);

    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return original(blob);
    };
    try {
      button(details, m('details.download', 'registro <b>.txt')).click();
      await waitForText(details, m('details.downloaded', 'registro <b>.txt'));
    } finally {
      URL.createObjectURL = original;
    }
    expect(await blobs[0]!.text()).to.equal(content);
  });

  it('shows a closed ticket without actions, and not-found for a ticket of someone else', async () => {
    const { el, customer } = await loggedInPortal({ closed: 1 });
    const list = await openList(el, 'closed');
    const number = customer.tickets.closed[0]!;
    await waitForText(list, m('ticket.number', number));
    button(list, m('ticket.number', number)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, m('timeline.solution_accepted'));
    expect(visibleText(details)).to.include(m('status.closed'));
    expect(details.shadowRoot!.querySelector('sp-attach-file')).to.equal(null);
    expect(details.shadowRoot!.querySelector('sp-ticket-reply-box')).to.equal(null);

    (details as unknown as { number: number }).number = 1002;
    await waitForText(details, m('error.not_found'));
  });
});
