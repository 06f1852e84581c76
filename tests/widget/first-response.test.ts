import { expect } from '@open-wc/testing';
import { NavigateEvent } from '../../widget/navigation.ts';
import {
  currentScreen,
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
import { clientFor, openTicket } from './ticket-flow-helpers.ts';

const HOUR = 3_600_000;

/** The date as the portal writes dates in `language`. */
const localized = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** Picks a language in the portal's header, as a customer does. */
function choose(el: HTMLElement, language: string) {
  const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[part="language"]')!;
  select.value = language;
  select.dispatchEvent(new Event('change'));
}

describe('expected first response', () => {
  it('the ticket-created screen and the details header say when to expect a first answer, until the desk answers', async () => {
    const customer = await newCustomer();
    const client = await clientFor(customer);
    const ticket = await client.createTicket(
      { category: 'infra.network.vpn', urgency: 'high', description: 'La VPN no conecta' },
      null,
    );
    // High urgency: eight hours by default.
    const due = ticket.firstResponseDueAt!;
    expect(Date.parse(due) - Date.parse(ticket.createdAt)).to.equal(8 * HOUR);

    const el = await mountPortal();
    await logIn(el, customer);
    currentScreen(el).dispatchEvent(
      new NavigateEvent({ screen: 'ticket-created', number: ticket.number }),
    );
    const created = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(created, m('details.firstResponseDue'));
    const time = created.shadowRoot!.querySelector('.first-response time')!;
    expect(time.getAttribute('datetime')).to.equal(due);
    expect(time.textContent!.trim()).to.equal(localized(due, 'es'));
    expect(await seriousViolations(el)).to.deep.equal([]);

    choose(el, 'en');
    await waitForText(created, 'First reply expected by');
    expect(created.shadowRoot!.querySelector('.first-response time')!.textContent!.trim()).to.equal(
      localized(due, 'en'),
    );
    choose(el, 'es');
    await waitForText(created, m('details.firstResponseDue'));

    let details = await openTicket(el, ticket.number);
    await waitForText(details, m('details.firstResponseDue'));
    expect(visibleText(details)).to.include(localized(due, 'es'));

    await deskComment(ticket.number, 'Lo miramos ahora.');
    currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'home' }));
    await screenNamed(el, 'sp-home-screen');
    details = await openTicket(el, ticket.number);
    await waitForText(details, 'Lo miramos ahora.');
    expect(visibleText(details)).not.to.include(m('details.firstResponseDue'));
  });
});
