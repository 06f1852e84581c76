import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Customer, PublicConfig } from '../../contract/types.ts';
import type { ApiClient } from '../../widget/api/client.ts';
import type { FilePicker } from '../../widget/components/file-picker.ts';
import '../../widget/screens/new-ticket-screen.ts';
import type { NewTicketScreen } from '../../widget/screens/new-ticket-screen.ts';
import '../../widget/screens/add-information-screen.ts';
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
import {
  clientFor,
  customerSession,
  deepActiveElement,
  makeFile,
  pickFile,
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

/** Chooses a leaf through the menu's filter, as a user who types would. */
async function chooseCategory(el: NewTicketScreen, query: string, leaf: string): Promise<void> {
  const menu = $(el, 'sp-category-menu')!;
  type($(menu, '#filter'), query);
  await (menu as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  button(menu, leaf).click();
  await el.updateComplete;
}

function picker(el: Element): FilePicker {
  return $(el, 'sp-file-picker') as FilePicker;
}

describe('new ticket', () => {
  it('asks for the category first, then for the details, accessibly at each step', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    expect(visibleText(el)).to.include('Paso 1 de 2');
    expect(await seriousViolations(el)).to.deep.equal([]);

    await chooseCategory(el, 'vpn', 'No puedo conectar a la VPN');
    expect(visibleText(el)).to.include('Paso 2 de 2');
    expect(textOf($(el, '#category-value'))).to.equal(
      'Infraestructura y nube › Red y VPN › No puedo conectar a la VPN',
    );
    const created = $(el, '#created') as HTMLInputElement;
    expect(created.readOnly).to.equal(true);
    const today = new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(new Date());
    expect(created.value).to.equal(today);
    expect(
      $$(el, 'input[name="urgency"]').map((radio) =>
        textOf(radio.parentElement!.querySelector('.name')),
      ),
    ).to.deep.equal(['Baja', 'Media', 'Alta', 'Crítica']);
    expect(Number($(el, '#description')!.getAttribute('maxlength'))).to.equal(
      config.limits.maxDescriptionLength,
    );
    expect(el.shadowRoot!.activeElement?.id).to.equal('details-heading');
    expect(await seriousViolations(el)).to.deep.equal([]);

    button(el, 'Cambiar la categoría').click();
    await el.updateComplete;
    const menu = $(el, 'sp-category-menu')!;
    await waitUntil(() => $(menu, '[aria-current="true"]'), 'the chosen leaf is not marked');
    expect(textOf($(menu, '[aria-current="true"] .label'))).to.equal('No puedo conectar a la VPN');
  });

  it('refuses a missing urgency and description with messages tied to the fields', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'correo', 'No recibo correos');
    button(el, 'Registrar el ticket').click();
    await el.updateComplete;

    expect(textOf($(el, '#urgency-error'))).to.equal('Este campo es obligatorio.');
    expect(textOf($(el, '#description-error'))).to.equal('Este campo es obligatorio.');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.equal('urgency-error');
    const description = $(el, '#description')!;
    expect(description.getAttribute('aria-invalid')).to.equal('true');
    expect(description.getAttribute('aria-describedby')!.split(' ')).to.include(
      'description-error',
    );
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('urgency');

    type(description, '   ');
    ($(el, 'input[value="high"]') as HTMLInputElement).click();
    button(el, 'Registrar el ticket').click();
    await el.updateComplete;
    expect(textOf($(el, '#urgency-error'))).to.equal('');
    expect(textOf($(el, '#description-error'))).to.equal('Este campo es obligatorio.');
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('takes the screen’s width, grows the description with its text, defines each urgency', async () => {
    const { client, config } = await customerSession();
    const frame = hostMarkup('');
    frame.style.width = '900px';
    const el = await screen(client, config);
    frame.append(el);
    await chooseCategory(el, 'vpn', 'No puedo conectar a la VPN');
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
    expect(definitions).to.deep.equal([
      'Una consulta o una molestia que no le impide trabajar.',
      'Algo falla, pero puede seguir trabajando de otra manera.',
      'Le impide trabajar a usted o a unas pocas personas.',
      'Un servicio clave no funciona para muchas personas o para toda la empresa.',
    ]);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('shows the deployment’s own definition of an urgency, in the active language', async () => {
    const { client, config } = await customerSession();
    const own = {
      ...config,
      urgencyDefinitions: { critical: { es: 'La planta está parada.', en: 'The plant is down.' } },
    };
    const el = await screen(client, own);
    await chooseCategory(el, 'vpn', 'No puedo conectar a la VPN');
    expect(textOf($(el, '#urgency-critical-definition'))).to.equal('La planta está parada.');
    expect(textOf($(el, '#urgency-low-definition'))).to.equal(
      'Una consulta o una molestia que no le impide trabajar.',
    );
    // As the portal does before it shows a screen loaded later (render-screen.ts).
    await loadAllMessages();
    await useLanguage('en');
    await waitForText(el, 'The plant is down.');
    expect(textOf($(el, '#urgency-low-definition'))).to.equal(
      'A question or an annoyance that doesn’t stop you working.',
    );
    await useLanguage('es');
  });

  it('refuses a file too large or of a type not accepted, before any upload', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'copia', 'Restaurar archivos');
    const files = picker(el);
    const input = $(files, '#input') as HTMLInputElement;
    expect(input.accept).to.include('.pdf');

    const big = makeFile('informe.pdf', new Uint8Array(config.limits.maxAttachmentBytes + 1));
    await pickFile(files, big);
    expect(textOf($(files, '[part="error"]'))).to.match(
      /^«informe\.pdf» supera el tamaño máximo de 10 MB\.$/,
    );
    expect(files.file).to.equal(null);
    const choose = $(files, '#choose')!;
    expect(choose.getAttribute('aria-describedby')!.split(' ')).to.include('error');
    expect(choose.getAttribute('aria-invalid')).to.equal('true');

    await pickFile(files, makeFile('setup.exe', 'MZ'));
    expect(textOf($(files, '[part="error"]'))).to.match(
      /^«setup\.exe»: no se admiten archivos \.exe\. Tipos admitidos: .*pdf.*\.$/,
    );
    expect(files.file).to.equal(null);

    // Named as a picture, but its first bytes are a PDF's: refused by content, naming the file.
    await pickFile(files, makeFile('captura.png', PDF));
    expect(textOf($(files, '[part="error"]'))).to.equal(
      '«captura.png» no es un archivo .png: su contenido no corresponde a su extensión.',
    );
    expect(files.file).to.equal(null);
    await pickFile(files, makeFile('notas.txt', Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3])));
    expect(textOf($(files, '[part="error"]'))).to.equal(
      '«notas.txt» no es un archivo .txt: su contenido no corresponde a su extensión.',
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
    await chooseCategory(el, 'vpn', 'No puedo conectar a la VPN');
    const files = picker(el);
    const big = makeFile('rapport.pdf', new Uint8Array(config.limits.maxAttachmentBytes + 1));
    await pickFile(files, big);
    const message = textOf($(files, '[part="error"]'));
    expect(message).to.include('rapport.pdf');
    expect(message).to.match(/\d+(,\d)?\s?Mo/);
    expect(message).not.to.include('supera');
    expect(files.file).to.equal(null);
  });

  it('takes a dropped or pasted file, one at a time', async () => {
    const { client, config } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'factura', 'Copia de una factura');
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
    expect(textOf($(files, '[part="error"]'))).to.equal('Elija un solo archivo.');
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
    button(await screenNamed(el, 'sp-home-screen'), 'Registrar un nuevo ticket').click();
    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu');
    await chooseCategory(form, 'buzon', 'Nuevo buzón o alias');
    ($(form, 'input[value="low"]') as HTMLInputElement).click();
    type($(form, '#description'), 'Necesitamos el alias <b>ventas@</b>\npara el equipo.');
    button(form, 'Registrar el ticket').click();

    const summary = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(summary, 'Su ticket se ha registrado con el número');
    const [number] = created;
    expect(number).to.be.a('number');
    const text = visibleText(summary);
    expect(text).to.include(`Su ticket se ha registrado con el número ${number}.`);
    expect(text).to.include('Infraestructura y nube › Correo electrónico › Nuevo buzón o alias');
    expect(text).to.include('Baja');
    expect(text).to.include('Nuevo');
    expect(textOf($(summary, 'dd.text'))).to.equal(
      'Necesitamos el alias <b>ventas@</b> para el equipo.',
    );
    expect($(summary, 'dd.text b')).to.equal(null);
    expect(text).to.include('Ninguno');
    expect(await seriousViolations(el)).to.deep.equal([]);

    const page = await (await clientFor(customer)).tickets('open');
    expect(page.items.map((item) => item.number)).to.include(number);
    const listed = page.items.find((item) => item.number === number)!;
    expect(listed.category.id).to.equal('infra.mail.mailbox');
    expect(listed.urgency).to.equal('low');

    button(summary, 'Añadir información').click();
    const add = await screenNamed(el, 'sp-add-information-screen');
    await waitForText(add, 'Necesitamos el alias');
  });

  it('creates a ticket with a file, with upload progress, and the API keeps the file', async () => {
    const { client, config, customer } = await customerSession();
    const el = await screen(client, config);
    await chooseCategory(el, 'erp error', 'Error o mensaje inesperado');
    ($(el, 'input[value="critical"]') as HTMLInputElement).click();
    type($(el, '#description'), 'El ERP muestra un error al facturar.');
    await pickFile(picker(el), makeFile('error.log', 'E42 at 10:02'));

    const navigated = oneEvent(el, 'sp-navigate') as Promise<NavigateEvent>;
    button(el, 'Registrar el ticket').click();
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
    expect(visibleText(summary)).to.include('Crítica');
    expect(visibleText(summary)).to.include('El ERP muestra un error al facturar.');

    const ticket = await (await clientFor(customer)).ticket(route.number);
    expect(ticket.attachments.map((file) => file.name)).to.deep.equal(['error.log']);
    expect(ticket.category.id).to.equal('software.erp.error');
  });

  it('can be done with the keyboard alone, from the home screen to the summary', async () => {
    const { el } = await loggedInPortal();
    const home = await screenNamed(el, 'sp-home-screen');
    await tabTo((active) => textOf(active).startsWith('Registrar un nuevo ticket'));
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
    await tabTo((active) => textOf(active) === 'Registrar el ticket');
    expect(deepActiveElement()).to.equal($(form, 'button[type="submit"]'));
    await sendKeys({ press: 'Enter' });

    const summary = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(summary, 'Su ticket se ha registrado con el número');
    const text = visibleText(summary);
    expect(text).to.include('No puedo conectar a la VPN');
    expect(text).to.include('Alta');
    expect(text).to.include('Sin VPN desde esta mañana.');
  });

  it('shows the categories again in the language the customer switches to', async () => {
    const { el } = await loggedInPortal();
    button(await screenNamed(el, 'sp-home-screen'), 'Registrar un nuevo ticket').click();
    const form = (await screenNamed(el, 'sp-new-ticket-screen')) as NewTicketScreen;
    await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu');
    await chooseCategory(form, 'wifi', 'Wifi lenta o caída');

    const language = $(el, 'select[part="language"]') as HTMLSelectElement;
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(
      () => textOf($(form, '#category-value')).startsWith('Infrastructure'),
      'the chosen category kept its Spanish name',
    );
    expect(textOf($(form, '#category-value'))).to.equal(
      'Infrastructure and cloud › Network and VPN › Slow or down Wi-Fi',
    );
  });

  it('keeps what was typed for the tab, in case the session ends before it is sent', async () => {
    const { client, config } = await customerSession();
    const customer = await client.me();
    const first = await screen(client, config, customer);
    await chooseCategory(first, 'licencia', 'Ampliar licencias');
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
    expect(textOf($(again, '#category-value'))).to.equal(
      'Cuenta, licencias y facturación › Licencias › Ampliar licencias',
    );
    expect(($(again, 'input[value="medium"]') as HTMLInputElement).checked).to.equal(true);
    expect(($(again, '#description') as HTMLTextAreaElement).value).to.equal(
      'Cinco licencias más, por favor.',
    );

    const navigated = oneEvent(again, 'sp-navigate');
    button(again, 'Registrar el ticket').click();
    await navigated;
    const fresh = await screen(client, config, customer);
    expect(visibleText(fresh)).to.include('Paso 1 de 2');
  });
});
