/**
 * Drafts that survive, in Chromium against the real test API: the new-ticket form (category,
 * urgency, description and the chosen file) and a ticket's reply box come back after a
 * reload (the element mounted again with the same key) and after the session ended during the
 * submit; they are removed once sent and on logout; two instances on a page keep their own.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { SupportPortal } from '../../widget/support-portal.ts';
import {
  $,
  API,
  button,
  logIn,
  mountPortal,
  newCustomer,
  screenNamed,
  type,
  visibleText,
  waitForText,
  type TestCustomer,
  openAccountMenu,
} from './helpers.ts';
import { label, path } from './categories.ts';
import { m } from './messages.ts';
import { chooseFiles, makeFile, replyBoxOf, textOf } from './ticket-flow-helpers.ts';

const RESTORED = m('draft.restored');

let keys = 0;
const newKey = () => `drafts-${Date.now()}-${keys++}`;

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', location.pathname);
});

type Screen = HTMLElement & { updateComplete: Promise<boolean> };

/** The draft texts and files the instance keeps in this browser, by key. */
async function storedDrafts(instance: string): Promise<string[]> {
  const prefix = `support-portal:draft:${instance}\n`;
  const texts = Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('support-portal-drafts', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('files');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
  const files = await new Promise<IDBValidKey[]>((resolve, reject) => {
    const request = db.transaction('files').objectStore('files').getAllKeys();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
  db.close();
  return [...texts, ...files.map(String).filter((key) => key.startsWith(prefix))];
}

async function openNewTicket(el: SupportPortal): Promise<Screen> {
  button(await screenNamed(el, 'sp-home-screen'), m('home.new')).click();
  const form = (await screenNamed(el, 'sp-new-ticket-screen')) as Screen;
  await waitUntil(() => $(form, 'sp-category-menu'), 'no category menu', { timeout: 10_000 });
  return form;
}

/** Category, urgency (unless null), description and a file, chosen as a customer would. */
async function fillForm(
  form: Screen,
  description: string,
  file?: File,
  urgency: string | null = 'medium',
): Promise<void> {
  const menu = $(form, 'sp-category-menu') as Screen;
  type($(menu, '#filter'), 'licencia');
  await menu.updateComplete;
  button(menu, label('account.licences.more')).click();
  await form.updateComplete;
  if (urgency) ($(form, `input[value="${urgency}"]`) as HTMLInputElement).click();
  type($(form, '#description'), description);
  if (file) {
    const picker = $(form, 'sp-file-picker')!;
    chooseFiles($(picker, '#input') as HTMLInputElement, file);
    await waitForText(picker, file.name);
  }
  await form.updateComplete;
}

/** What the restored form shows: every field as it was left, the file still chosen. */
async function expectRestored(form: Screen, description: string, fileName: string) {
  await waitUntil(() => $(form, '#description'), 'the draft did not bring back the form', {
    timeout: 10_000,
  });
  expect(textOf($(form, '#category-value'))).to.equal(path('account.licences.more').join(' › '));
  expect(($(form, 'input[value="medium"]') as HTMLInputElement).checked).to.equal(true);
  expect(($(form, '#description') as HTMLTextAreaElement).value).to.equal(description);
  await waitForText($(form, 'sp-file-picker')!, fileName);
  expect(visibleText(form)).to.include(RESTORED);
}

/** Sends the form and waits for the summary to confirm the ticket's number. */
async function submit(el: SupportPortal, form: Screen): Promise<Element> {
  const created = oneEvent(el, 'support-portal-ticket-created');
  button(form, m('newTicket.submit')).click();
  const { number } = (await created).detail as { number: number };
  const summary = await screenNamed(el, 'sp-ticket-created-screen');
  await waitForText(summary, m('ticketCreated.confirmation', number));
  return summary;
}

async function loggedIn(customer: TestCustomer, storageKey: string, routing = 'memory') {
  const el = await mountPortal({ storageKey, routing });
  await logIn(el, customer);
  return el;
}

describe('drafts of the new-ticket form', () => {
  it('survive a reload, the file included, and are removed once the ticket is sent', async () => {
    const customer = await newCustomer();
    const key = newKey();
    const first = await loggedIn(customer, key);
    await fillForm(
      await openNewTicket(first),
      'Cinco licencias más, por favor.',
      makeFile('pedido.txt', 'Cinco licencias'),
    );
    await waitUntil(async () => (await storedDrafts(key)).length === 2, 'the file was not kept');
    first.remove();

    const again = await mountPortal({ storageKey: key });
    const form = (await screenNamed(again, 'sp-new-ticket-screen')) as Screen;
    await expectRestored(form, 'Cinco licencias más, por favor.', 'pedido.txt');
    const summary = await submit(again, form);
    expect(visibleText(summary)).to.include('Cinco licencias más, por favor.');
    expect(visibleText(summary)).to.include('pedido.txt');
    expect(await storedDrafts(key)).to.deep.equal([]);

    button(summary, m('ticketCreated.home')).click();
    const fresh = await openNewTicket(again);
    expect(visibleText(fresh)).to.include(m('newTicket.step1'));
    expect(visibleText(fresh)).not.to.include(RESTORED);
  });

  it('survive a session that ends during the submit: after login one click sends them', async () => {
    const customer = await newCustomer();
    const key = newKey();
    const el = await loggedIn(customer, key);
    const form = await openNewTicket(el);
    await fillForm(form, 'La licencia caduca mañana.', makeFile('licencia.txt', 'ABC-123'));
    await waitUntil(async () => (await storedDrafts(key)).length === 2, 'the file was not kept');
    // The session ends elsewhere (expired, or logged out in another tab) while the form is open.
    const token = sessionStorage.getItem(`support-portal:${key}:token`)!;
    await fetch(`${API}/api/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    button(form, m('newTicket.submit')).click();

    await screenNamed(el, 'sp-login-screen');
    await waitForText(el, m('error.unauthenticated'));
    await logIn(el, customer);
    const back = (await screenNamed(el, 'sp-new-ticket-screen')) as Screen;
    await expectRestored(back, 'La licencia caduca mañana.', 'licencia.txt');
    const summary = await submit(el, back);
    expect(visibleText(summary)).to.include('La licencia caduca mañana.');
    expect(visibleText(summary)).to.include('licencia.txt');
    expect(await storedDrafts(key)).to.deep.equal([]);
  });

  it('keep the chosen file after a validation error, and send it once corrected', async () => {
    const customer = await newCustomer();
    const el = await loggedIn(customer, newKey());
    const form = await openNewTicket(el);
    // The urgency left out: the form refuses to send.
    await fillForm(form, 'Necesito otra licencia.', makeFile('factura.txt', 'Factura 77'), null);
    button(form, m('newTicket.submit')).click();
    await waitForText(form, m('field.required'));
    const picker = $(form, 'sp-file-picker')!;
    expect(visibleText(picker)).to.include('factura.txt');

    ($(form, 'input[value="high"]') as HTMLInputElement).click();
    button(form, m('newTicket.submit')).click();
    const summary = await screenNamed(el, 'sp-ticket-created-screen');
    await waitForText(summary, 'factura.txt');
  });
});

describe("drafts of a ticket's reply box", () => {
  it('survive a reload and are removed once the reply is sent', async () => {
    const customer = await newCustomer({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const key = newKey();
    location.hash = `#sp/ticket/${number}`;
    const first = await loggedIn(customer, key, 'hash');
    const { text } = await replyBoxOf(await screenNamed(first, 'sp-ticket-details-screen'));
    type(text, 'Pasa también en el portátil.');
    first.remove();

    const again = await mountPortal({ storageKey: key, routing: 'hash' });
    const back = await replyBoxOf(await screenNamed(again, 'sp-ticket-details-screen'));
    expect(back.text.value).to.equal('Pasa también en el portátil.');
    expect(visibleText(back.box)).to.include(RESTORED);
    button(back.box, m('reply.submit')).click();
    await waitForText(back.box, m('reply.done'));
    expect(await storedDrafts(key)).to.deep.equal([]);
    expect(visibleText(back.box)).not.to.include(RESTORED);
  });
});

describe('drafts and logging out', () => {
  it('are all removed, the file included, when the customer logs out', async () => {
    const customer = await newCustomer({ open: 1 });
    const [number] = customer.tickets.open as [number];
    const key = newKey();
    location.hash = `#sp/ticket/${number}`;
    const el = await loggedIn(customer, key, 'hash');
    const { text } = await replyBoxOf(await screenNamed(el, 'sp-ticket-details-screen'));
    type(text, 'Un dato privado.');
    button(el, m('portal.home')).click();
    await fillForm(await openNewTicket(el), 'Otro dato privado.', makeFile('privado.txt', 'x'));
    await waitUntil(async () => (await storedDrafts(key)).length === 3, 'drafts not kept');

    button(await openAccountMenu(el), m('portal.logout')).click();
    await screenNamed(el, 'sp-login-screen');
    expect(await storedDrafts(key)).to.deep.equal([]);

    await logIn(el, customer);
    const form = await openNewTicket(el);
    expect(visibleText(form)).to.include(m('newTicket.step1'));
    expect(visibleText(form)).not.to.include(RESTORED);
  });
});

describe('drafts of two instances on one page', () => {
  it('are kept apart: each instance sees only its own, and one logging out keeps the other', async () => {
    const customer = await newCustomer();
    const [keyA, keyB] = [newKey(), newKey()];
    const a = await loggedIn(customer, keyA);
    const b = await loggedIn(customer, keyB);
    await fillForm(await openNewTicket(a), 'Solo en el primero.');

    const inB = await openNewTicket(b);
    expect(visibleText(inB)).to.include(m('newTicket.step1'));
    expect(visibleText(inB)).not.to.include('Solo en el primero.');
    expect(await storedDrafts(keyB)).to.deep.equal([]);

    button(await openAccountMenu(b), m('portal.logout')).click();
    await screenNamed(b, 'sp-login-screen');
    expect(await storedDrafts(keyA)).to.have.length(1);
    a.remove();
    const againA = await mountPortal({ storageKey: keyA });
    const form = (await screenNamed(againA, 'sp-new-ticket-screen')) as Screen;
    await waitUntil(() => $(form, '#description'), 'the draft did not come back');
    expect(($(form, '#description') as HTMLTextAreaElement).value).to.equal('Solo en el primero.');
  });
});
