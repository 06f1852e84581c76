import { expect, waitUntil } from '@open-wc/testing';
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
import { openTicket } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

describe('follow-ups', () => {
  it('a closed ticket opens a follow-up in its category; both show the link', async () => {
    const { el, customer } = await loggedInPortal({ closed: 1, open: 1 });
    const [closed] = customer.tickets.closed as [number];
    const [open] = customer.tickets.open as [number];

    // An open ticket offers no follow-up.
    const openDetails = await openTicket(el, open);
    expect(visibleText(openDetails)).not.to.include('Abrir un seguimiento');

    const details = await openTicket(el, closed);
    await waitForText(details, 'Si el problema ha vuelto, puede abrir un seguimiento hasta el');
    expect(await seriousViolations(el)).to.deep.equal([]);
    button(details, 'Abrir un seguimiento').click();

    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    await waitForText(form, `Seguimiento del ticket ${closed}`);
    await waitUntil(() => $(form, '#description'), 'the form, past the category step', {
      timeout: 10_000,
    });
    expect(visibleText(form)).to.include('Infraestructura y nube › Red y VPN');
    ($(form, 'input[name="urgency"][value="high"]') as HTMLInputElement).click();
    type($(form, '#description'), 'La VPN vuelve a cortarse.');
    button(form, 'Registrar el ticket').click();

    const created = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(created, 'La VPN vuelve a cortarse.');
    const number = Number(/registrado con el número (\d+)/.exec(visibleText(created))![1]);
    expect(number).to.be.greaterThan(closed);

    const followUp = await openTicket(el, number);
    await waitForText(followUp, 'Es un seguimiento de:');
    button(followUp, `Ticket ${closed}`).click();
    const old = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(old, 'Seguimientos abiertos:');
    expect(visibleText(old)).to.include(`Seguimiento abierto: ticket ${number}`);
    button(old, `Ticket ${number}`).click();
    await waitUntil(
      () => visibleText(currentScreen(el)).includes('La VPN vuelve a cortarse.'),
      'the follow-up opened from the old ticket',
      { timeout: 10_000 },
    );
  });
});
