/**
 * @module
 * What the tests of the new-ticket flow and the ticket actions share beside ./helpers.ts: a real
 * API client logged in as a test customer, the category tree from the API, and real key presses
 * (through the browser, never synthetic events) to move around the page.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { FilePicker } from '../../widget/components/file-picker.ts';
import type { TicketReplyBox } from '../../widget/screens/ticket-reply-box.ts';
import { ApiClient } from '../../widget/api/client.ts';
import { NavigateEvent } from '../../widget/navigation.ts';
import { SessionStore } from '../../widget/session.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';
import {
  API,
  currentScreen,
  deskComment,
  newCustomer,
  screenNamed,
  waitForText,
  type TestCustomer,
} from './helpers.ts';
import { m } from './messages.ts';

let clients = 0;

/** An `ApiClient` logged in as the customer, as the portal would hold it. */
export async function clientFor(customer: TestCustomer): Promise<ApiClient> {
  const client = new ApiClient(API, new SessionStore(`flow-test-${Date.now()}-${clients++}`));
  await client.login(customer.email, customer.password);
  return client;
}

/**
 * A customer with an open ticket in each open status, and `closed` closed ones: `solved` has a
 * proposed solution, `fresh` is new, `asked` waits for their reply, `answered` is in progress
 * (they answered the desk's question). With their client.
 */
export async function customerWithEveryStatus(closed = 0) {
  const customer = await newCustomer({ open: 4, closed, solutions: 1 });
  const [solved, fresh, asked, answered] = customer.tickets.open as [
    number,
    number,
    number,
    number,
  ];
  await deskComment(asked, '¿Qué versión usa?', true);
  await deskComment(answered, '¿Desde cuándo?', true);
  const client = await clientFor(customer);
  await client.reply(answered, 'Desde ayer.', null);
  return { customer, client, solved, fresh, asked, answered };
}

/** A fresh customer, their client and the API's configuration. */
export async function customerSession(options: Parameters<typeof newCustomer>[0] = {}) {
  const customer = await newCustomer(options);
  const client = await clientFor(customer);
  return { customer, client, config: await client.config() };
}

/** The element that has focus, looking through every open shadow root. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab (real key presses) until the focused element matches; fails after `max`. */
export async function tabTo(matches: (el: Element) => boolean, max = 40): Promise<Element> {
  for (let i = 0; i < max; i++) {
    const active = deepActiveElement();
    if (active && matches(active)) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`focus never reached the element; it is on ${deepActiveElement()?.outerHTML}`);
}

/** The element's accessible text as a user reads it on a button or label. */
export function textOf(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A file of the given size and name, made in the page. */
export function makeFile(name: string, content: string | Uint8Array, type = ''): File {
  return new File([content as BlobPart], name, { type });
}

/**
 * Chooses a file in a picker as the file dialog would, and waits until the picker has checked it
 * (it reads the file's first bytes): the file is taken, or a message says why not.
 */
export async function pickFile(picker: FilePicker, file: File): Promise<void> {
  chooseFiles(picker.shadowRoot!.querySelector('#input') as HTMLInputElement, file);
  await picker.updateComplete;
  await waitUntil(
    () => picker.file === file || textOf(picker.shadowRoot!.querySelector('[part="error"]')),
    `the picker never took or refused ${file.name}`,
  );
  await picker.updateComplete;
}

/**
 * Resolves with the first node matching `selector` added under `root` (a shadow root) from now on,
 * however briefly it stays: what a user saw during a fast request.
 */
export function appears(root: ShadowRoot, selector: string): Promise<Element> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const found = root.querySelector(selector);
      if (!found) return;
      observer.disconnect();
      resolve(found);
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

/** Gives a file input files the way the browser's file dialog does, then fires `change`. */
export function chooseFiles(input: HTMLInputElement, ...files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Opens a ticket's details as the list would, and waits until they are shown. */
export async function openTicket(el: SupportPortal, number: number): Promise<HTMLElement> {
  currentScreen(el).dispatchEvent(new NavigateEvent({ screen: 'ticket', number }));
  const details = await screenNamed(el, 'sp-ticket-details-screen');
  await waitForText(details, m('details.timeline'));
  return details;
}

/** The reply box under a ticket's thread and its text box, once both have rendered. */
export async function replyBoxOf(
  details: HTMLElement,
): Promise<{ box: TicketReplyBox; text: HTMLTextAreaElement }> {
  await waitUntil(() => details.shadowRoot!.querySelector('sp-ticket-reply-box'), 'the reply box');
  const box = details.shadowRoot!.querySelector('sp-ticket-reply-box')!;
  await box.updateComplete;
  return { box, text: box.shadowRoot!.querySelector<HTMLTextAreaElement>('#reply')! };
}

/** A real mouse click in the middle of the element, as a user's (it takes focus). */
export async function clickWithMouse(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
}
