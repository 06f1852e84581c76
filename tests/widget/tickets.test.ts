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

afterEach(() => sessionStorage.clear());

async function openList(el: SupportPortal, which: 'Tickets abiertos' | 'Tickets cerrados') {
  button(await screenNamed(el, 'sp-home-screen'), which).click();
  return screenNamed(el, 'sp-ticket-list-screen');
}

describe('ticket lists', () => {
  it('lists open tickets newest first, with the tick enabled only when a solution awaits', async () => {
    const { el, customer } = await loggedInPortal({ open: 3, solutions: 1 });
    const list = await openList(el, 'Tickets abiertos');
    const [first, second, third] = customer.tickets.open;
    await waitForText(list, `Ticket ${third}`);
    const numbers = $$(list, 'li').map((item) => Number(item.dataset.number));
    expect(numbers).to.deep.equal([third, second, first]);
    // The first open ticket got the solution.
    const tick = (n: number) => button(list, `Aceptar o rechazar la solución del ticket ${n}`);
    expect(tick(first!).disabled).to.equal(false);
    expect(tick(third!).disabled).to.equal(true);
    expect(button(list, `Añadir información al ticket ${third}`).disabled).to.equal(false);
    expect(visibleText(list)).to.include('Hay una solución que espera su respuesta.');
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('pages with a keyboard-reachable "more" button, focus landing on the first new ticket', async () => {
    const { el, customer } = await loggedInPortal({ closed: 23 });
    const list = await openList(el, 'Tickets cerrados');
    await waitForText(list, 'Mostrar más tickets');
    expect($$(list, 'li')).to.have.length(20);
    const more = button(list, 'Mostrar más tickets');
    more.focus();
    more.click();
    await waitUntil(() => $$(list, 'li').length === 23, 'second page never came');
    expect(visibleText(list)).not.to.include('Mostrar más tickets');
    const oldest = customer.tickets.closed[0];
    expect(list.shadowRoot!.activeElement?.textContent?.trim()).to.equal(
      `Ticket ${customer.tickets.closed[2]}`,
    );
    expect(visibleText(list)).to.include(`Ticket ${oldest}`);
    expect($$(list, '.row-actions')).to.have.length(0);
  });

  it('says so when there are no tickets', async () => {
    const { el } = await loggedInPortal();
    const list = await openList(el, 'Tickets cerrados');
    await waitForText(list, 'No tiene tickets cerrados.');
    button(list, 'Ver los tickets abiertos').click();
    await waitForText(await screenNamed(el, 'sp-ticket-list-screen'), 'No tiene tickets abiertos.');
  });

  it('opens the pen and tick actions on their screens', async () => {
    const { el, customer } = await loggedInPortal({ open: 1, solutions: 1 });
    const number = customer.tickets.open[0]!;
    let list = await openList(el, 'Tickets abiertos');
    await waitForText(list, `Ticket ${number}`);
    button(list, `Añadir información al ticket ${number}`).click();
    await screenNamed(el, 'sp-add-information-screen');
    el.shadowRoot!.querySelector<HTMLButtonElement>('header button.link')!.click();
    list = await openList(el, 'Tickets abiertos');
    await waitForText(list, `Ticket ${number}`);
    button(list, `Aceptar o rechazar la solución del ticket ${number}`).click();
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
    const list = await openList(el, 'Tickets abiertos');
    await waitForText(list, `Ticket ${number}`);
    button(list, `Ticket ${number}`).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'Historial');
    const text = visibleText(details);
    for (const expected of [
      'Solución propuesta',
      'Infraestructura y nube › Red y VPN',
      'Media',
      'Open ticket 1',
      'Try this 1',
      'Ticket registrado',
      'Archivo adjuntado: registro <b>.txt',
      'Servicio de soporte',
      'Comentario del servicio de soporte',
      'Estamos revisando el registro que nos envió.',
    ]) {
      expect(text).to.include(expected);
    }
    // The day the solution is accepted without an answer: its proposal plus the 7 days of the
    // configuration, as the solution screen says it.
    const thread = details.shadowRoot!.querySelector('sp-ticket-thread')!;
    const solution = [...thread.shadowRoot!.querySelectorAll('.message')].find((message) =>
      message.textContent!.includes('Solución propuesta'),
    )!;
    const proposed = solution.querySelector('time')!.getAttribute('datetime')!;
    const deadline = new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(
      Date.parse(proposed) + 7 * 24 * 60 * 60 * 1000,
    );
    expect(text).to.include(
      `Si no responde antes del ${deadline}, la solución se aceptará automáticamente.`,
    );
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
      button(details, 'Descargar registro <b>.txt').click();
      await waitForText(details, 'registro <b>.txt descargado.');
    } finally {
      URL.createObjectURL = original;
    }
    expect(await blobs[0]!.text()).to.equal(content);
  });

  it('shows a closed ticket without actions, and not-found for a ticket of someone else', async () => {
    const { el, customer } = await loggedInPortal({ closed: 1 });
    const list = await openList(el, 'Tickets cerrados');
    const number = customer.tickets.closed[0]!;
    await waitForText(list, `Ticket ${number}`);
    button(list, `Ticket ${number}`).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'Solución aceptada: ticket cerrado');
    expect(visibleText(details)).to.include('Cerrado');
    expect(details.shadowRoot!.querySelector('sp-attach-file')).to.equal(null);
    expect(visibleText(details)).not.to.include('Añadir información');

    (details as unknown as { number: number }).number = 1002;
    await waitForText(details, 'No encontramos lo que busca.');
  });
});
