/**
 * @module
 * What the widget tests share: the real test API, mounting `<support-portal>`, finding the
 * current screen, filling forms as a user would, and an axe-core check.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../widget/support-portal.ts';
import type { SupportPortal } from '../../widget/support-portal.ts';

/** Served by the `portal-test-api` plugin of web-test-runner.config.mjs; not a file. */
const testApiModule = '/__test-api.js';

/** The test API's origin, e.g. `http://127.0.0.1:41234`. */
export const { API } = (await import(testApiModule)) as { API: string };

export interface TestCustomer {
  email: string;
  password: string;
  name: string;
  tickets: { open: number[]; closed: number[] };
}

/** A customer of their own for one test, with tickets created through the API. */
export async function newCustomer(
  options: {
    language?: string;
    open?: number;
    closed?: number;
    solutions?: number;
    attachment?: { name: string; content: string };
    passwordless?: boolean;
  } = {},
): Promise<TestCustomer> {
  const response = await fetch(`${API}/test/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (!response.ok) throw new Error(`test customer: ${response.status}`);
  return response.json();
}

/** Plays the service desk: proposes a solution on a ticket. */
export async function proposeSolution(number: number, text: string): Promise<void> {
  await fetch(`${API}/test/tickets/${number}/solution`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

/** Plays the service desk: a public comment the customer sees in the ticket's timeline. */
export async function deskComment(
  number: number,
  text: string,
  awaitingCustomer = false,
): Promise<void> {
  await fetch(`${API}/test/tickets/${number}/comment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, awaitingCustomer }),
  });
}

let instances = 0;

/**
 * Plain host-page markup for a test, removed after it. Not `fixture()`: for elements without
 * `updateComplete` it waits for an animation frame, which a page in the background never gets.
 */
export function hostMarkup(markup: string): HTMLDivElement {
  const container = document.createElement('div');
  container.dataset.hostMarkup = '';
  container.innerHTML = markup;
  document.body.append(container);
  return container;
}

afterEach(() => document.querySelectorAll('[data-host-markup]').forEach((node) => node.remove()));

/** Mounts a portal with a storage key of its own, so tests never share a saved session. */
export async function mountPortal(
  options: { lang?: string; routing?: string; storageKey?: string } = {},
): Promise<SupportPortal> {
  const key = options.storageKey ?? `test-${Date.now()}-${instances++}`;
  const el = await fixture<SupportPortal>(
    html`<support-portal
      api=${API}
      lang=${options.lang ?? 'es'}
      routing=${options.routing ?? 'memory'}
      storage-key=${key}
    ></support-portal>`,
  );
  await screenNamed(el, /^sp-/);
  return el;
}

/** The element of the screen currently shown. */
export function currentScreen(
  el: SupportPortal,
): HTMLElement & { updateComplete: Promise<boolean> } {
  return el.shadowRoot!.querySelector('.main > *') as HTMLElement & {
    updateComplete: Promise<boolean>;
  };
}

/** Waits until the portal shows the screen whose tag matches, and returns it. */
export async function screenNamed(el: SupportPortal, tag: string | RegExp) {
  const matches = () => {
    const screen = currentScreen(el);
    const name = screen?.localName ?? '';
    return typeof tag === 'string' ? name === tag : tag.test(name);
  };
  await waitUntil(matches, `screen ${tag} never showed`, { timeout: 10_000 });
  const screen = currentScreen(el);
  await screen.updateComplete;
  return screen;
}

/** Everything a user could read in a subtree, shadow roots included. */
export function visibleText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (node instanceof HTMLSlotElement) node.assignedNodes().forEach(walk);
    node.childNodes.forEach(walk);
    if (node instanceof Element) text += ' ';
  };
  walk(root);
  return text.replace(/\s+/g, ' ').trim();
}

/** Waits until the text appears somewhere in the portal. */
export async function waitForText(root: Node, text: string | RegExp): Promise<void> {
  await waitUntil(
    () =>
      typeof text === 'string' ? visibleText(root).includes(text) : text.test(visibleText(root)),
    `text ${text} never appeared`,
    { timeout: 10_000 },
  );
}

/** The first element in `root`'s shadow tree matching the selector. */
export function $(root: Element, selector: string): HTMLElement | null {
  return root.shadowRoot!.querySelector<HTMLElement>(selector);
}

export function $$(root: Element, selector: string): HTMLElement[] {
  return [...root.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

/** A button in the screen's shadow tree, by its visible text or accessible label. */
export function button(root: Element, label: string | RegExp): HTMLButtonElement {
  const found = $$(root, 'button').find((candidate) => {
    const name = `${candidate.getAttribute('aria-label') ?? ''} ${candidate.textContent ?? ''}`;
    return typeof label === 'string' ? name.includes(label) : label.test(name);
  });
  if (!found) throw new Error(`no button ${label}`);
  return found as HTMLButtonElement;
}

/** Types into a field the way a user does (value, then input and change events). */
export function type(field: HTMLElement | null, value: string): void {
  const input = field as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/**
 * Opens the header's account menu (ticket e-mails, password, log out) as a click on the
 * customer's name does, and returns it once its panel shows.
 */
export async function openAccountMenu(el: SupportPortal): Promise<HTMLElement> {
  await waitUntil(() => $(el, 'sp-account-menu'), 'no account menu', { timeout: 10_000 });
  const menu = $(el, 'sp-account-menu')!;
  const toggle = menu.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await waitUntil(
    () => menu.shadowRoot!.querySelector('[part="panel"] sp-notifications-toggle'),
    'the account menu never opened',
    { timeout: 10_000 },
  );
  return menu;
}

/** Logs in through the login screen, which must be showing. */
export async function logIn(el: SupportPortal, customer: { email: string; password: string }) {
  const login = await screenNamed(el, 'sp-login-screen');
  type($(login, '#email'), customer.email);
  type($(login, '#password'), customer.password);
  // By its role, not its words: the login screen may be in any language.
  $(login, 'button[type="submit"]')!.click();
  await waitUntil(() => currentScreen(el)?.localName !== 'sp-login-screen', 'login failed', {
    timeout: 10_000,
  });
}

/** A portal with a fresh customer logged in, on the home screen unless `returnTo` said else. */
export async function loggedInPortal(
  options: Parameters<typeof newCustomer>[0] = {},
): Promise<{ el: SupportPortal; customer: TestCustomer }> {
  const customer = await newCustomer(options);
  const el = await mountPortal();
  await logIn(el, customer);
  return { el, customer };
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[];
}

declare global {
  interface Window {
    axe?: { run(context: Element, options?: object): Promise<AxeResult> };
  }
}

async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  return window.axe!;
}

/**
 * Ends running CSS transitions (a button re-enabled after a request fades back to its
 * colours), so that axe-core measures contrast on the final colours.
 */
async function transitionsDone(): Promise<void> {
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    roots[i]!.querySelectorAll('*').forEach(
      (node) => node.shadowRoot && roots.push(node.shadowRoot),
    );
  }
  // Transitions only: a spinner's endless animation never finishes. Jumped to their end rather
  // than awaited: a page the runner keeps in a background tab does not run them, so waiting for
  // them timed out under load.
  const running = roots
    .flatMap((root) => root.getAnimations())
    .filter((animation) => animation instanceof CSSTransition);
  running.forEach((animation) => animation.finish());
  await Promise.all(running.map((animation) => animation.finished));
}

/** Serious and critical axe-core violations in the portal (WCAG 2.x A and AA rules), on final colours. */
export async function seriousViolations(el: Element): Promise<string[]> {
  await transitionsDone();
  const axe = await loadAxe();
  const result = await axe.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  });
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} ${JSON.stringify(violation.nodes.map((n) => n.target))}`,
    );
}
