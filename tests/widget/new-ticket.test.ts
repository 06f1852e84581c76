import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Customer, PublicConfig } from '../../contract/types.ts';
import type { ApiClient } from '../../widget/api/client.ts';
import type { FilePicker } from '../../widget/components/file-picker.ts';
import '../../widget/screens/new-ticket-screen.ts';
import type { NewTicketScreen } from '../../widget/screens/new-ticket-screen.ts';
import '../../widget/screens/ticket-created-screen.ts';
import { loadAllMessages, useLanguage } from '../../widget/i18n/localization.ts';
import type { NavigateEvent } from '../../widget/navigation.ts';
import {
  $,
  $$,
  button,
  hostMarkup,
  loggedInPortal,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
} from './helpers.ts';
import { PDF } from '../support/files.ts';
import { label, path } from './categories.ts';
import { en, m } from './messages.ts';
import {
  clientFor,
  customerSession,
  deepActiveElement,
  makeFile,
  pickFile,
  replyBoxOf,
  tabTo,
  textOf,
} from './ticket-flow-helpers.ts';

afterEach(async () => {
  sessionStorage.clear();
  // The language is page-wide: a test that switches it must not change the next one's.
  await useLanguage('es');
});

async function screen(
  client: ApiClient,
  config: PublicConfig,
  customer: Customer | null = null,
): Promise<NewTicketScreen> {
  const el = await fixture<NewTicketScreen>(
    html`<sp-new-ticket-screen
      .client=${client}
      .config=${config}
      .customer=${customer}
    ></sp-new-ticket-screen>`,
  );
  await waitUntil(() => $(el, 'sp-category-menu'), 'the category menu never showed');
  return el;
}

/** Chooses leaf `id` through the menu's filter, as a user who types would. */
async function chooseCategory(el: NewTicketScreen, query: string, id: string): Promise<void> {
  const menu = $(el, 'sp-category-menu')!;
  type($(menu, '#filter'), query);
  await (menu as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  button(menu, label(id)).click();
  await el.updateComplete;
}

/** The urgencies' names, lowest first, as the form and the summary show them. */
const urgencies = ['low', 'medium', 'high', 'critical'].map((urgency) => m(`urgency.${urgency}`));

function picker(el: Element): FilePicker {
  return $(el, 'sp-file-picker') as FilePicker;
}

describe('new ticket', () => {
  it('asks for the category first, then for the details, accessibly at each step', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    expect(visibleText(el)).to.include(m('newTicket.step1'));
    expect(await seriousViolations(el)).to.deep.equal([]);

    await chooseCategory(el, 'vpn', 'infra.network.vpn');
    expect(visibleText(el)).to.include(m('newTicket.step2'));
    expect(textOf($(el, '#category-value'))).to.equal(path('infra.network.vpn').join(' › '));
    const created = $(el, '#created') as HTMLInputElement;
    expect(created.readOnly).to.equal(true);
    const today = new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(new Date());
    expect(created.value).to.equal(today);
    expect(
      $$(el, 'input[name="urgency"]').map((radio) =>
        textOf(radio.parentElement!.querySelector('.name')),
      ),
    ).to.deep.equal(urgencies);
    expect(Number($(el, '#description')!.getAttribute('maxlength'))).to.equal(
      config.limits.maxDescriptionLength,
    );
    expect(el.shadowRoot!.activeElement?.id).to.equal('details-heading');
    expect(await seriousViolations(el)).to.deep.equal([]);

    button(el, m('newTicket.changeCategory')).click();
    await el.updateComplete;
    const menu = $(el, 'sp-category-menu')!;
    await waitUntil(() => $(menu, '[aria-current="true"]'), 'the chosen leaf is not marked');
    expect(textOf($(menu, '[aria-current="true"] .label'))).to.equal(label('infra.network.vpn'));
  });

  it('refuses a missing urgency and description with messages tied to the fields', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'correo', 'infra.mail.receive');
    button(el, m('newTicket.submit')).click();
    await el.updateComplete;

    expect(textOf($(el, '#urgency-error'))).to.equal(m('field.required'));
    expect(textOf($(el, '#description-error'))).to.equal(m('field.required'));
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.equal('urgency-error');
    const description = $(el, '#description')!;
    expect(description.getAttribute('aria-invalid')).to.equal('true');
    expect(description.getAttribute('aria-describedby')!.split(' ')).to.include(
      'description-error',
    );
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('urgency');

    type(description, '   ');
    ($(el, 'input[value="high"]') as HTMLInputElement).click();
    button(el, m('newTicket.submit')).click();
    await el.updateComplete;
    expect(textOf($(el, '#urgency-error'))).to.equal('');
    expect(textOf($(el, '#description-error'))).to.equal(m('field.required'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('takes the screen’s width, grows the description with its text, defines each urgency', async () => {
    const { client, config } = await customerSession();
    const frame = hostMarkup('');
    frame.style.width = '900px';
    const el = await screen(client, config);
    frame.append(el);
    await chooseCategory(el, 'vpn', 'infra.network.vpn');
    const form = $(el, 'form')!;
    expect(form.getBoundingClientRect().width).to.be.closeTo(el.getBoundingClientRect().width, 1);

    // The creation date is given, not asked: plain text, no box around it.
    const created = getComputedStyle($(el, '#created')!);
    expect([created.borderTopWidth, created.backgroundColor]).to.deep.equal([
      '0px',
      'rgba(0, 0, 0, 0)',
    ]);

    const description = $(el, '#description') as HTMLTextAreaElement;
    const before = description.getBoundingClientRect().height;
    type(
      description,
      'La VPN se corta cada pocos minutos desde la actualización del martes. '.repeat(8),
    );
    await el.updateComplete;
    expect(description.getBoundingClientRect().height).to.be.greaterThan(before);
    expect(description.scrollHeight).to.be.at.most(description.clientHeight + 1);

    const definitions = $$(el, 'input[name="urgency"]').map((radio) =>
      textOf($(el, `#${radio.getAttribute('aria-describedby')}`)),
    );
    expect(definitions).to.deep.equal(
      ['low', 'medium', 'high', 'critical'].map((urgency) => m(`urgency.${urgency}.definition`)),
    );
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('shows the deployment’s own definition of an urgency, in the active language', async () => {
    const { client, config } = await customerSession();
    const own = {
      ...config,
      urgencyDefinitions: { critical: { es: 'La planta está parada.', en: 'The plant is down.' } },
    };
    const el = await screen(client, own);
    await chooseCategory(el, 'vpn', 'infra.network.vpn');
    expect(textOf($(el, '#urgency-critical-definition'))).to.equal('La planta está parada.');
    expect(textOf($(el, '#urgency-low-definition'))).to.equal(m('urgency.low.definition'));
    // As the portal does before it shows a screen loaded later (render-screen.ts).
    await loadAllMessages();
    await useLanguage('en');
    await waitForText(el, 'The plant is down.');
    expect(textOf($(el, '#urgency-low-definition'))).to.equal(en('urgency.low.definition'));
    await useLanguage('es');
  });

  it('refuses a file too large or of a type not accepted, before any upload', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'copia', 'infra.backup.restore');
    const files = picker(el);
    const input = $(files, '#input') as HTMLInputElement;
    expect(input.accept).to.include('.pdf');

    const big = makeFile('informe.pdf', new Uint8Array(config.limits.maxAttachmentBytes + 1));
    await pickFile(files, big);
    expect(textOf($(files, '[part="error"]'))).to.equal(
      m('filePicker.tooLarge', 'informe.pdf', '10 MB'),
    );
    expect(files.file).to.equal(null);
    const choose = $(files, '#choose')!;
    expect(choose.getAttribute('aria-describedby')!.split(' ')).to.include('error');
    expect(choose.getAttribute('aria-invalid')).to.equal('true');

    await pickFile(files, makeFile('setup.exe', 'MZ'));
    expect(config.limits.attachmentExtensions).to.include('pdf');
    expect(textOf($(files, '[part="error"]'))).to.equal(
      m('filePicker.wrongType', 'setup.exe', 'exe', config.limits.attachmentExtensions.join(', ')),
    );
    expect(files.file).to.equal(null);

    // Named as a picture, but its first bytes are a PDF's: refused by content, naming the file.
    await pickFile(files, makeFile('captura.png', PDF));
    expect(textOf($(files, '[part="error"]'))).to.equal(
      m('filePicker.wrongContent', 'captura.png', 'png'),
    );
    expect(files.file).to.equal(null);
    await pickFile(files, makeFile('notas.txt', Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3])));
    expect(textOf($(files, '[part="error"]'))).to.equal(
      m('filePicker.wrongContent', 'notas.txt', 'txt'),
    );

    // The next file, accepted, clears the message about the last one.
    await pickFile(files, makeFile('notas.txt', 'La VPN falla desde ayer.'));
    expect(textOf($(files, '[part="error"]'))).to.equal('');
    expect(textOf($(files, '#file'))).to.match(/^notas\.txt \(\d+ bytes\)$/);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('refuses a file in the active language, with sizes written the way it writes them', async () => {
    const { client, config } = await customerSession();
    // As the portal does before it shows a screen loaded later (render-screen.ts).
    await useLanguage('fr');
    await loadAllMessages();
    const el = await screen(client, config);
    await chooseCategory(el, 'vpn', 'infra.network.vpn');
    const files = picker(el);
    const big = makeFile('rapport.pdf', new Uint8Array(config.limits.maxAttachmentBytes + 1));
    await pickFile(files, big);
    const message = textOf($(files, '[part="error"]'));
    expect(message).to.include('rapport.pdf');
    expect(message).to.match(/\d+(,\d)?\s?Mo/);
    expect(message).not.to.equal(m('filePicker.tooLarge', 'rapport.pdf', '10 MB'));
    expect(files.file).to.equal(null);
  });

  it('takes a dropped or pasted file, one at a time', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'factura', 'account.billing.copy');
    const files = picker(el);
    const zone = $(files, '[part="base"]')!;

    const dropped = new DataTransfer();
    dropped.items.add(makeFile('captura.txt', 'texto'));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true }));
    await waitForText(files, 'captura.txt');

    const two = new DataTransfer();
    two.items.add(makeFile('a.txt', 'a'));
    two.items.add(makeFile('b.txt', 'b'));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: two, bubbles: true }));
    await files.updateComplete;
    expect(textOf($(files, '[part="error"]'))).to.equal(m('filePicker.onlyOne'));
    expect(textOf($(files, '#file'))).to.contain('captura.txt');

    const pasted = new DataTransfer();
    pasted.items.add(makeFile('pegado.txt', 'desde el portapapeles'));
    $(el, '#description')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, composed: true }),
    );
    await waitForText(files, 'pegado.txt');
  });

  it('creates a ticket without a file and shows its summary; the API then lists it', async () => {
    const { el, customer } = await loggedInPortal();
    const created: number[] = [];
    el.addEventListener('support-portal-ticket-created', (event) =>
      created.push(event.detail.number),
    );
    button(await screenNamed(el, 'sp-home-screen'), m('home.new')).click();
    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu');
    await chooseCategory(form, 'buzon', 'infra.mail.mailbox');
    ($(form, 'input[value="low"]') as HTMLInputElement).click();
    type($(form, '#description'), 'Necesitamos el alias <b>ventas@</b>\npara el equipo.');
    button(form, m('newTicket.submit')).click();

    const summary = await screenNamed(el, 'sp-ticket-created-screen');
    await waitUntil(() => created.length === 1, 'no ticket-created event');
    const [number] = created as [number];
    await waitForText(summary, m('ticketCreated.confirmation', number));
    const text = visibleText(summary);
    expect(text).to.include(path('infra.mail.mailbox').join(' › '));
    expect(text).to.include(m('urgency.low'));
    expect(text).to.include(m('status.new'));
    expect(textOf($(summary, 'dd.text'))).to.equal(
      'Necesitamos el alias <b>ventas@</b> para el equipo.',
    );
    expect($(summary, 'dd.text b')).to.equal(null);
    expect(text).to.include(m('ticketCreated.noAttachments'));
    expect(await seriousViolations(el)).to.deep.equal([]);

    const page = await (await clientFor(customer)).tickets('open');
    expect(page.items.map((item) => item.number)).to.include(number);
    const listed = page.items.find((item) => item.number === number)!;
    expect(listed.category.id).to.equal('infra.mail.mailbox');
    expect(listed.urgency).to.equal('low');

    button(summary, m('ticketCreated.addInformation')).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    const { text: reply } = await replyBoxOf(details);
    await waitUntil(() => deepActiveElement() === reply, 'focus in the reply box');
    await waitForText(details, 'Necesitamos el alias');
  });

  it('creates a ticket with a file, with upload progress, and the API keeps the file', async () => {
    const { client, config, customer } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'erp error', 'software.erp.error');
    ($(el, 'input[value="critical"]') as HTMLInputElement).click();
    type($(el, '#description'), 'El ERP muestra un error al facturar.');
    await pickFile(picker(el), makeFile('error.log', 'E42 at 10:02'));

    const navigated = oneEvent(el, 'sp-navigate') as Promise<NavigateEvent>;
    button(el, m('newTicket.submit')).click();
    await el.updateComplete;
    expect($(el, 'sp-upload-progress')).not.to.equal(null);
    const { route } = await navigated;
    if (route.screen !== 'ticket-created') throw new Error(`went to ${route.screen}`);

    const summary = await fixture(
      html`<sp-ticket-created-screen
        .client=${client}
        .config=${config}
        .number=${route.number}
      ></sp-ticket-created-screen>`,
    );
    await waitForText(summary, 'error.log');
    expect(visibleText(summary)).to.include(m('urgency.critical'));
    expect(visibleText(summary)).to.include('El ERP muestra un error al facturar.');

    const ticket = await (await clientFor(customer)).ticket(route.number);
    expect(ticket.attachments.map((file) => file.name)).to.deep.equal(['error.log']);
    expect(ticket.category.id).to.equal('software.erp.error');
  });

  it('can be done with the keyboard alone, from the home screen to the summary', async () => {
    const { el } = await loggedInPortal();
    const home = await screenNamed(el, 'sp-home-screen');
    await tabTo((active) => textOf(active).startsWith(m('home.new')));
    await sendKeys({ press: 'Enter' });
    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    expect(home.isConnected).to.equal(false);
    await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu');

    await tabTo((active) => active.id === 'filter');
    await sendKeys({ type: 'conectar vpn' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(form, '#description'), 'the form never showed');

    await tabTo((active) => (active as HTMLInputElement).name === 'urgency');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await tabTo((active) => active.id === 'description');
    await sendKeys({ type: 'Sin VPN desde esta mañana.' });
    await tabTo((active) => textOf(active) === m('newTicket.submit'));
    expect(deepActiveElement()).to.equal($(form, 'button[type="submit"]'));
    const created = oneEvent(el, 'support-portal-ticket-created');
    await sendKeys({ press: 'Enter' });

    const { number } = (await created).detail as { number: number };
    const summary = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(summary, m('ticketCreated.confirmation', number));
    const text = visibleText(summary);
    expect(text).to.include(label('infra.network.vpn'));
    expect(text).to.include(m('urgency.high'));
    expect(text).to.include('Sin VPN desde esta mañana.');
  });

  it('shows the categories again in the language the customer switches to', async () => {
    const { el } = await loggedInPortal();
    button(await screenNamed(el, 'sp-home-screen'), m('home.new')).click();
    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu');
    await chooseCategory(form, 'wifi', 'infra.network.wifi');

    const language = $(el, 'select[part="language"]') as HTMLSelectElement;
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(
      () => textOf($(form, '#category-value')).startsWith(label('infra', 'en')),
      'the chosen category kept its Spanish name',
    );
    expect(textOf($(form, '#category-value'))).to.equal(
      path('infra.network.wifi', 'en').join(' › '),
    );
  });

  it('keeps what was typed for the tab, in case the session ends before it is sent', async () => {
    const { client, config } = await customerSession();
    const customer = await client.me();
    const first = await screen(client, config, customer);
    await chooseCategory(first, 'licencia', 'account.licences.more');
    ($(first, 'input[value="medium"]') as HTMLInputElement).click();
    type($(first, '#description'), 'Cinco licencias más, por favor.');
    await first.updateComplete;
    first.remove();

    const again = await fixture<NewTicketScreen>(
      html`<sp-new-ticket-screen
        .client=${client}
        .config=${config}
        .customer=${customer}
      ></sp-new-ticket-screen>`,
    );
    await waitUntil(() => $(again, '#description'), 'the draft did not bring back the form');
    expect(textOf($(again, '#category-value'))).to.equal(path('account.licences.more').join(' › '));
    expect(($(again, 'input[value="medium"]') as HTMLInputElement).checked).to.equal(true);
    expect(($(again, '#description') as HTMLTextAreaElement).value).to.equal(
      'Cinco licencias más, por favor.',
    );

    const navigated = oneEvent(again, 'sp-navigate');
    button(again, m('newTicket.submit')).click();
    await navigated;
    const fresh = await screen(client, config, customer);
    expect(visibleText(fresh)).to.include(m('newTicket.step1'));
  });
});
