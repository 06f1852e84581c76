import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PublicConfig } from '../../contract/types.ts';
import type { ApiClient } from '../../widget/api/client.ts';
import '../../widget/components/attach-file.ts';
import type { AttachFile } from '../../widget/components/attach-file.ts';
import type { FilePicker } from '../../widget/components/file-picker.ts';
import { formatDate } from '../../widget/i18n/labels.ts';
import { NavigateEvent } from '../../widget/navigation.ts';
import '../../widget/screens/solution-screen.ts';
import {
  $,
  button,
  currentScreen,
  loggedInPortal,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
} from './helpers.ts';
import { PDF, PNG } from '../support/files.ts';
import { m } from './messages.ts';
import {
  appears,
  chooseFiles,
  clientFor,
  customerSession,
  deepActiveElement,
  makeFile,
  openTicket,
  pickFile,
  replyBoxOf,
  textOf,
} from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

type Screen = HTMLElement & { updateComplete: Promise<boolean> };

async function mount(client: ApiClient, config: PublicConfig, number: number): Promise<Screen> {
  const el = await fixture<Screen>(
    html`<sp-solution-screen
      .client=${client}
      .config=${config}
      .number=${number}
    ></sp-solution-screen>`,
  );
  // Generous: on a loaded machine the first API answer can take more than the default second.
  await waitUntil(
    () => !$(el, '[role="status"]')?.textContent?.includes(m('ticket.loading')),
    'loading',
    {
      timeout: 10_000,
    },
  );
  await el.updateComplete;
  return el;
}

describe('the reply box', () => {
  it('adds a reply to the thread after the description, which is kept as it was', async () => {
    const customer = await newCustomer({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await mountPortal();
    await logIn(el, customer);
    const details = await openTicket(el, number);
    const { box, text } = await replyBoxOf(details);

    button(box, m('reply.submit')).click();
    await box.updateComplete;
    expect(textOf($(box, '#reply-error'))).to.equal(m('field.required'));
    expect(text.getAttribute('aria-describedby')!.split(' ')).to.include('reply-error');
    expect(box.shadowRoot!.activeElement).to.equal(text);

    const added = oneEvent(el, 'support-portal-information-added');
    type(text, 'También falla desde la oficina de <i>Lyon</i>.');
    button(box, m('reply.submit')).click();
    expect((await added).detail).to.deep.equal({ number });
    await waitForText(box, m('reply.done'));
    expect(text.value).to.equal('');
    const thread = details.shadowRoot!.querySelector('sp-ticket-thread')!.shadowRoot!;
    await waitUntil(() => thread.querySelectorAll('.message').length === 2, 'the reply');
    const [description, reply] = [...thread.querySelectorAll<HTMLElement>('.message')];
    expect(visibleText(description!)).to.include('Open ticket 1');
    expect(visibleText(reply!)).to.include('También falla desde la oficina de <i>Lyon</i>.');
    expect(visibleText(reply!)).to.include(customer.name);
    expect(reply!.querySelector('i')).to.equal(null);

    const ticket = await (await clientFor(customer)).ticket(number);
    expect(ticket.description).to.equal('Open ticket 1');
    expect(ticket.additions.map((addition) => addition.text)).to.deep.equal([
      'También falla desde la oficina de <i>Lyon</i>.',
    ]);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it("the list's pen opens the ticket with the reply box focused, and the address says so", async () => {
    const customer = await newCustomer({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await mountPortal({ routing: 'hash' });
    try {
      location.hash = '#sp/tickets/open';
      await logIn(el, customer);
      const list = await screenNamed(el, 'sp-ticket-list-screen');
      await waitForText(list, 'Open ticket 1');
      button(list, m('tickets.reply', number)).click();
      const details = await screenNamed(el, 'sp-ticket-details-screen');
      const { text } = await replyBoxOf(details);
      await waitUntil(() => deepActiveElement() === text, 'focus in the reply box');
      expect(location.hash).to.equal(`#sp/ticket/${number}/reply`);
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('a closed ticket has no reply box; asked to reply, its heading takes focus', async () => {
    const customer = await newCustomer({ closed: 1 });
    const [number] = customer.tickets.closed as [number];
    const el = await mountPortal();
    await logIn(el, customer);
    currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'ticket', number, reply: true }));
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, m('details.timeline'));
    expect(details.shadowRoot!.querySelector('sp-ticket-reply-box')).to.equal(null);
    await waitUntil(() => deepActiveElement()?.localName === 'h2', 'focus on the heading');
    expect(await seriousViolations(el)).to.deep.equal([]);
  });
});

describe('solution', () => {
  it('accepting the proposed solution closes the ticket', async () => {
    const { client, config, customer } = await customerSession({ open: 1, solutions: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await mount(client, config, number);
    expect(visibleText(el)).to.include('Try this 1');
    const { solutionProposedAt } = await client.ticket(number);
    const deadline = formatDate(
      new Date(Date.parse(solutionProposedAt!) + config.autoAcceptDays * 24 * 60 * 60 * 1000),
    );
    expect(visibleText(el)).to.include(m('solution.deadline', deadline));
    expect(await seriousViolations(el)).to.deep.equal([]);

    const accepted = oneEvent(el, 'support-portal-solution-accepted');
    button(el, m('solution.accept')).click();
    expect((await accepted).detail).to.deep.equal({ number });
    await waitForText(el, m('solution.accepted', number));
    expect(el.shadowRoot!.activeElement?.id).to.equal('outcome');
    expect((await client.ticket(number)).status).to.equal('closed');
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('rejecting needs a reason, and sends the ticket back to the service desk', async () => {
    const { client, config, customer } = await customerSession({ open: 1, solutions: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await mount(client, config, number);

    button(el, m('solution.reject')).click();
    await el.updateComplete;
    expect(textOf($(el, '#reason-error'))).to.equal(m('field.required'));
    const reason = $(el, '#reason')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')!.split(' ')).to.include('reason-error');
    expect((await client.ticket(number)).status).to.equal('resolved');

    const rejected = oneEvent(el, 'support-portal-solution-rejected');
    type(reason, 'La VPN sigue sin conectar.');
    button(el, m('solution.reject')).click();
    expect((await rejected).detail).to.deep.equal({ number });
    await waitForText(el, m('solution.rejected', number));
    const ticket = await client.ticket(number);
    expect(ticket.status).to.equal('in_progress');
    expect(ticket.timeline.at(-1)?.text).to.equal('La VPN sigue sin conectar.');
  });

  it('shows plainly that a ticket no longer awaits an answer (409 wrong_state)', async () => {
    const { client, config, customer } = await customerSession({ open: 1, solutions: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await mount(client, config, number);
    await client.acceptSolution(number);

    button(el, m('solution.accept')).click();
    await waitForText(el, m('solution.notPending', m('status.closed')));
    expect($(el, 'button[part="accept"]')).to.equal(null);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('offers no answer while no solution is proposed', async () => {
    const { client, config, customer } = await customerSession({ open: 1 });
    const el = await mount(client, config, customer.tickets.open[0]!);
    expect(visibleText(el)).to.include(m('solution.notPending', m('status.new')));
    expect($(el, 'button[part="accept"]')).to.equal(null);
  });
});

describe('attach a file', () => {
  it('sends the file as soon as it is chosen, with progress, and reports the updated ticket', async () => {
    const { client, config, customer } = await customerSession({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await fixture<AttachFile>(
      html`<sp-attach-file .client=${client} .config=${config} .number=${number}></sp-attach-file>`,
    );
    expect(await seriousViolations(el)).to.deep.equal([]);
    expect($(el, 'button[type="submit"]')).to.equal(null);
    const picker = $(el, 'sp-file-picker') as FilePicker;
    await picker.updateComplete;

    const progress = appears(el.shadowRoot!, 'sp-upload-progress');
    const cancel = appears(el.shadowRoot!, 'button[part="cancel"]');
    const updated = oneEvent(el, 'sp-ticket-updated');
    chooseFiles($(picker, '#input') as HTMLInputElement, makeFile('traza.txt', 'ping: timeout'));
    expect((await progress).getAttribute('label')).to.equal(m('attachFile.uploading', 'traza.txt'));
    expect(textOf(await cancel)).to.equal(m('attachFile.cancel'));
    const { detail } = await updated;
    expect(detail.ticket.attachments.map((file: { name: string }) => file.name)).to.deep.equal([
      'traza.txt',
    ]);
    await waitForText(el, m('attachFile.done', 'traza.txt'));
    expect($(el, 'sp-upload-progress')).to.equal(null);
    expect(picker.file).to.equal(null);
    expect((await client.ticket(number)).attachments).to.have.length(1);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('cancels the upload under way: nothing reported, the picker ready for another file', async () => {
    const { client, config, customer } = await customerSession({ open: 1 });
    const el = await fixture<AttachFile>(
      html`<sp-attach-file
        .client=${client}
        .config=${config}
        .number=${customer.tickets.open[0]!}
      ></sp-attach-file>`,
    );
    const picker = $(el, 'sp-file-picker') as FilePicker;
    await picker.updateComplete;
    let reported = false;
    el.addEventListener('sp-ticket-updated', () => (reported = true));
    const cancel = appears(el.shadowRoot!, 'button[part="cancel"]');
    chooseFiles(
      $(picker, '#input') as HTMLInputElement,
      makeFile('grande.log', 'E42 '.repeat(2_000_000)),
    );
    ((await cancel) as HTMLButtonElement).click();
    await waitForText(el, m('attachFile.cancelled', 'grande.log'));
    expect($(el, 'sp-upload-progress')).to.equal(null);
    expect($(el, 'button[part="cancel"]')).to.equal(null);
    expect(reported).to.equal(false);
    expect(picker.disabled).to.equal(false);
    expect(textOf($(picker, '#choose'))).to.equal(m('filePicker.choose'));
  });

  it('refuses a file by its content before sending, and the next file clears that message', async () => {
    const { client, config, customer } = await customerSession({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const el = await fixture<AttachFile>(
      html`<sp-attach-file .client=${client} .config=${config} .number=${number}></sp-attach-file>`,
    );
    const picker = $(el, 'sp-file-picker') as FilePicker;
    await picker.updateComplete;
    await pickFile(picker, makeFile('factura.pdf', PNG));
    expect(textOf($(picker, '[part="error"]'))).to.equal(
      '«factura.pdf» no es un archivo .pdf: su contenido no corresponde a su extensión.',
    );
    expect($(el, 'sp-upload-progress')).to.equal(null);
    expect(await seriousViolations(el)).to.deep.equal([]);

    chooseFiles($(picker, '#input') as HTMLInputElement, makeFile('factura.pdf', PDF));
    await waitForText(el, m('attachFile.done', 'factura.pdf'));
    expect(textOf($(picker, '[part="error"]'))).to.equal('');
    expect((await client.ticket(number)).attachments.map((file) => file.name)).to.deep.equal([
      'factura.pdf',
    ]);
  });

  it('asks for a file while the ticket has none, for another one after', async () => {
    const { el, customer } = await loggedInPortal({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const details = await openTicket(el, number);
    await waitForText(details, m('details.no_attachments'));
    const attach = $(details, 'sp-attach-file')!;
    const picker = $(attach, 'sp-file-picker') as FilePicker;
    await waitForText(picker, m('attachFile.labelFirst'));
    expect(visibleText(details)).not.to.include(m('attachFile.label'));

    chooseFiles($(picker, '#input') as HTMLInputElement, makeFile('traza.txt', 'ping: timeout'));
    await waitForText(details, m('attachFile.done', 'traza.txt'));
    await waitForText(picker, m('attachFile.label'));
  });

  it('says so when the ticket was closed meanwhile, until another file is chosen', async () => {
    const { client, config, customer } = await customerSession({ closed: 1 });
    const el = await fixture<AttachFile>(
      html`<sp-attach-file
        .client=${client}
        .config=${config}
        .number=${customer.tickets.closed[0]!}
      ></sp-attach-file>`,
    );
    const picker = $(el, 'sp-file-picker') as FilePicker;
    await picker.updateComplete;
    chooseFiles($(picker, '#input') as HTMLInputElement, makeFile('tarde.txt', 'demasiado tarde'));
    await waitForText(el, m('attachFile.closed'));
    await pickFile(picker, makeFile('setup.exe', 'MZ'));
    expect(textOf($(picker, '[part="error"]'))).to.equal(
      m('filePicker.wrongType', 'setup.exe', 'exe', config.limits.attachmentExtensions.join(', ')),
    );
    expect(visibleText(el)).not.to.include(m('attachFile.closed'));
  });
});
