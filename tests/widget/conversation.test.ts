import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  $$,
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
import {
  clientFor,
  deepActiveElement,
  makeFile,
  openTicket,
  pickFile,
  tabTo,
} from './ticket-flow-helpers.ts';
import { NavigateEvent } from '../../widget/navigation.ts';
import type { FilePicker } from '../../widget/components/file-picker.ts';
import type { TicketDetails } from '../../contract/types.ts';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
]);

/** A customer with one ticket of this description, and a client logged in as them. */
async function ticketOf(description: string) {
  const customer = await newCustomer();
  const client = await clientFor(customer);
  const ticket = await client.createTicket(
    { category: 'infra.network.vpn', urgency: 'medium', description },
    null,
  );
  return { customer, client, number: ticket.number };
}

/** The same, with the portal logged in as them. */
async function withTicket(description: string) {
  const made = await ticketOf(description);
  const el = await mountPortal();
  await logIn(el, made.customer);
  return { el, ...made };
}

const threadOf = (details: Element) =>
  details.shadowRoot!.querySelector('sp-ticket-thread')!.shadowRoot!;

describe('the ticket as a conversation', () => {
  it('a desk question shows as a new reply in the list and on home, then in the thread with links, and the answer moves the ticket on', async () => {
    const { el, number, client } = await withTicket(
      'La VPN se corta cada pocos minutos\nGuía que seguí: https://intranet.example.com/vpn?x=1.',
    );
    await deskComment(
      number,
      'Escriba a redes@example.com o mire https://status.example.com. javascript:alert(1)',
      true,
    );
    currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'tickets', state: 'open' }));
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, m('ticket.number', number));
    const item = $$(list, 'li').find((li) => li.dataset.number === String(number))!;
    const row = visibleText(item);
    expect(row).to.include(m('tickets.newReply'));
    expect(row).to.include('La VPN se corta cada pocos minutos');
    expect(row).to.include(m('status.waiting_for_customer'));
    expect(item.querySelector('.new-reply svg')).not.to.equal(null);

    const details = await openTicket(el, number);
    const thread = threadOf(details);
    await waitUntil(() => thread.querySelectorAll('.message').length === 2, 'two messages');
    const [description, question] = [...thread.querySelectorAll<HTMLElement>('.message')];
    expect(description!.dataset.side).to.equal('customer');
    expect(question!.dataset.side).to.equal('desk');
    expect(visibleText(question!)).to.include(m('timeline.actor.desk'));
    expect(visibleText(thread)).to.include(m('thread.status', m('status.waiting_for_customer')));
    const links = [...thread.querySelectorAll('a')].map((a) => [
      a.getAttribute('href'),
      a.target,
      a.rel,
      a.textContent,
    ]);
    expect(links).to.deep.equal([
      [
        'https://intranet.example.com/vpn?x=1',
        '_blank',
        'noopener noreferrer nofollow',
        'https://intranet.example.com/vpn?x=1',
      ],
      ['mailto:redes@example.com', '_blank', 'noopener noreferrer nofollow', 'redes@example.com'],
      [
        'https://status.example.com/',
        '_blank',
        'noopener noreferrer nofollow',
        'https://status.example.com',
      ],
    ]);
    expect(visibleText(question!)).to.include('javascript:alert(1)');
    expect(details.shadowRoot!.querySelector('sp-ticket-reply-box')).not.to.equal(null);
    expect(await seriousViolations(el)).to.deep.equal([]);

    // Opened: no longer a new reply.
    const after = await client.tickets('open');
    expect(after.items.find((ticket) => ticket.number === number)?.newReply).to.equal(false);
  });

  it('replies with text and a file by keyboard only, in one request; the thread shows one message with its thumbnail', async () => {
    const { el, number, client } = await withTicket('El portátil no arranca');
    await deskComment(number, '¿Puede enviarnos una foto de la pantalla?', true);
    const details = await openTicket(el, number);
    const box = details.shadowRoot!.querySelector('sp-ticket-reply-box')!;
    await box.updateComplete;
    const textarea = box.shadowRoot!.querySelector('#reply') as HTMLTextAreaElement;
    textarea.focus();
    await sendKeys({ type: 'Aquí está la foto' });
    const picker = box.shadowRoot!.querySelector('sp-file-picker') as FilePicker;
    await tabTo((active) => active.getRootNode() === picker.shadowRoot);
    await pickFile(picker, makeFile('pantalla.png', PNG, 'image/png'));
    await tabTo((active) => active.textContent?.trim() === m('reply.submit'));
    await sendKeys({ press: 'Enter' });
    await waitForText(box, m('reply.done'));
    expect(deepActiveElement()?.id).to.equal('reply-done');

    const thread = threadOf(details);
    await waitUntil(() => thread.querySelector('.thumb img'), 'a thumbnail');
    const last = [...thread.querySelectorAll<HTMLElement>('.message')].at(-1)!;
    expect(last.dataset.side).to.equal('customer');
    expect(visibleText(last)).to.include('Aquí está la foto');
    expect(visibleText(last)).to.include('pantalla.png');
    expect(last.querySelector('.thumb')?.getAttribute('aria-label')).to.equal(
      m('thread.viewImage', 'pantalla.png'),
    );
    const now: TicketDetails = await client.ticket(number);
    expect(now.status).to.equal('in_progress');
    expect(visibleText(thread)).to.include(m('thread.status', m('status.in_progress')));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('home counts tickets with a new reply and those waiting for the customer, until opened', async () => {
    const { customer, number } = await ticketOf('Sin correo desde ayer');
    await deskComment(number, 'Lo estamos mirando.');
    const el = await mountPortal();
    await logIn(el, customer);
    const home = await screenNamed(el, 'sp-home-screen');
    await waitForText(home, m('home.newReplies', 1));
    expect(visibleText(home)).not.to.include(m('home.waiting', '').trim());
    expect(await seriousViolations(el)).to.deep.equal([]);
    await openTicket(el, number);
    currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'home' }));
    const back = await screenNamed(el, 'sp-home-screen');
    await waitUntil(
      () => !visibleText(back).includes(m('home.newReplies', '').trim()),
      'count cleared',
    );
  });

  it('fits 320 px with the thread and the reply box', async () => {
    const { el, number } = await withTicket(`Una línea larga ${'https://example.com/'.repeat(4)}`);
    await deskComment(number, 'Respuesta del soporte');
    el.style.display = 'block';
    el.style.width = '320px';
    const details = await openTicket(el, number);
    await waitUntil(() => threadOf(details).querySelectorAll('.message').length === 2);
    expect(el.scrollWidth).to.be.at.most(320);
  });
});
