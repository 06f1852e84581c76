import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { formatDate } from '../../widget/i18n/labels.ts';
import type { NewTicketScreen } from '../../widget/screens/new-ticket-screen.ts';
import {
  $,
  button,
  currentScreen,
  loggedInPortal,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
} from './helpers.ts';
import { path } from './categories.ts';
import { m } from './messages.ts';
import { clientFor, openTicket } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

describe('follow-ups', () => {
  it('a closed ticket opens a follow-up in its category; both show the link', async () => {
    const { el, customer } = await loggedInPortal({ closed: 1, open: 1 });
    const [closed] = customer.tickets.closed as [number];
    const [open] = customer.tickets.open as [number];

    // An open ticket offers no follow-up.
    const openDetails = await openTicket(el, open);
    expect(visibleText(openDetails)).not.to.include(m('followUps.open'));

    const details = await openTicket(el, closed);
    const { followUpUntil } = await (await clientFor(customer)).ticket(closed);
    await waitForText(details, m('followUps.hint', formatDate(followUpUntil!)));
    expect(await seriousViolations(el)).to.deep.equal([]);
    button(details, m('followUps.open')).click();

    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    await waitForText(form, m('newTicket.followUpOf', closed));
    await waitUntil(() => $(form, '#description'), 'the form, past the category step', {
      timeout: 10_000,
    });
    expect(visibleText(form)).to.include(path('infra.network').join(' › '));
    ($(form, 'input[name="urgency"][value="high"]') as HTMLInputElement).click();
    type($(form, '#description'), 'La VPN vuelve a cortarse.');
    const sent = oneEvent(el, 'support-portal-ticket-created');
    button(form, m('newTicket.submit')).click();

    const { number } = (await sent).detail as { number: number };
    const created = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(created, 'La VPN vuelve a cortarse.');
    expect(number).to.be.greaterThan(closed);

    const followUp = await openTicket(el, number);
    await waitForText(followUp, m('followUps.of'));
    button(followUp, m('ticket.number', closed)).click();
    const old = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(old, m('followUps.list'));
    expect(visibleText(old)).to.include(m('timeline.follow_up_opened', number));
    button(old, m('ticket.number', number)).click();
    await waitUntil(
      () => visibleText(currentScreen(el)).includes('La VPN vuelve a cortarse.'),
      'the follow-up opened from the old ticket',
      { timeout: 10_000 },
    );
  });
});
