/**
 * Where focus lands after a form sent with the mouse: its submit button is disabled while the
 * request runs, which takes focus from it. On failure focus goes to the error message (or the
 * first refused field), on success to the result or the next screen's heading; never the body.
 */
import { waitUntil } from '@open-wc/testing';
import type { AttachFile } from '../../widget/components/attach-file.ts';
import type { FilePicker } from '../../widget/components/file-picker.ts';
import {
  $,
  API,
  button,
  loggedInPortal,
  mountPortal,
  newCustomer,
  screenNamed,
  type,
  waitForText,
  openAccountMenu,
} from './helpers.ts';
import { m } from './messages.ts';
import {
  chooseFiles,
  clickWithMouse,
  deepActiveElement,
  makeFile,
  openTicket,
  replyBoxOf,
  textOf,
} from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

/** Chooses a file; the picker's row for it, which moves the button below, is rendered after. */
async function choose(picker: FilePicker, file: File): Promise<void> {
  chooseFiles($(picker, '#input') as HTMLInputElement, file);
  await picker.updateComplete;
  await ((picker.getRootNode() as ShadowRoot).host as AttachFile).updateComplete;
}

async function focusOn(matches: (active: Element) => boolean, what: string): Promise<void> {
  await waitUntil(
    () => {
      const active = deepActiveElement();
      return active !== null && matches(active);
    },
    `focus is not on ${what} but on ${deepActiveElement()?.outerHTML.slice(0, 120)}`,
    { timeout: 10_000 },
  );
}

describe('focus after a mouse submit', () => {
  it('login: on the error after a wrong password, on the home heading after the right one', async () => {
    const customer = await newCustomer();
    const el = await mountPortal();
    const login = await screenNamed(el, 'sp-login-screen');
    type($(login, '#email'), customer.email);
    type($(login, '#password'), 'not-the-password');
    await clickWithMouse($(login, 'button[type="submit"]')!);
    await focusOn(
      (active) => textOf(active) === m('error.invalid_credentials'),
      'the error message',
    );

    type($(login, '#password'), customer.password);
    await clickWithMouse($(login, 'button[type="submit"]')!);
    await screenNamed(el, 'sp-home-screen');
    await focusOn(
      (active) => active.localName === 'h2' && textOf(active) === m('home.heading', customer.name),
      'the home heading',
    );
  });

  it('reply: on the confirmation when sent, on the reason when the ticket closed meanwhile', async () => {
    const { el, customer } = await loggedInPortal({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const { box, text } = await replyBoxOf(await openTicket(el, number));
    type(text, 'El error aparece también con el cable.');
    await clickWithMouse(button(box, m('reply.submit')));
    await focusOn((active) => textOf(active) === m('reply.done'), 'the confirmation');

    await fetch(`${API}/test/tickets/${number}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ portalUrl: location.href }),
    });
    type(text, 'Y con la wifi.');
    await box.updateComplete;
    await clickWithMouse(button(box, m('reply.submit')));
    await focusOn(
      (active) => textOf(active) === m('addInformation.closed'),
      'why nothing was added',
    );
  });

  it('attach a file: on the confirmation once sent, on the picker with its error when refused', async () => {
    const { el, customer } = await loggedInPortal({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const details = await openTicket(el, number);
    await waitUntil(() => $(details, 'sp-attach-file'), 'no attach box');
    const attach = $(details, 'sp-attach-file')!;
    const picker = $(attach, 'sp-file-picker') as FilePicker;
    await picker.updateComplete;
    await choose(picker, makeFile('traza.txt', 'ping: timeout'));
    await focusOn(
      (active) => textOf(active) === m('attachFile.done', 'traza.txt'),
      'the confirmation',
    );

    await fetch(`${API}/test/tickets/${number}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ portalUrl: location.href }),
    });
    await choose(picker, makeFile('tarde.txt', 'demasiado tarde'));
    await waitForText(picker, m('attachFile.closed'));
    await focusOn((active) => picker.shadowRoot!.contains(active), 'the file picker');
  });

  it('change password: on the refused field when the current password is wrong', async () => {
    const { el } = await loggedInPortal();
    await screenNamed(el, 'sp-home-screen');
    button(await openAccountMenu(el), m('account.changePassword')).click();
    const change = await screenNamed(el, 'sp-change-password-screen');
    type($(change, '#current-password'), 'not-my-password');
    type($(change, '#new-password'), 'Cierzo-sobre-el-Ebro-2026');
    type($(change, '#repeat-password'), 'Cierzo-sobre-el-Ebro-2026');
    await clickWithMouse($(change, 'button[type="submit"]')!);
    await focusOn((active) => active.id === 'current-password', 'the refused field');
  });
});
