/**
 * @module
 * Where focus goes once a request started from a form has its outcome: its error message or
 * first refused field, or its result. A submit button disabled while the request ran has lost
 * focus to the page's body; left there, a keyboard or screen reader user starts over from the
 * top of the page.
 */
import { ReactiveElement } from 'lit';

/**
 * Once `host` has rendered, focuses the first element of its shadow root matching `selector`.
 * A component's own controls render after its host, so it waits for them too.
 */
export async function focusWhenRendered(host: ReactiveElement, selector: string): Promise<void> {
  await host.updateComplete;
  const target = host.renderRoot.querySelector<HTMLElement>(selector);
  if (target instanceof ReactiveElement) await target.updateComplete;
  target?.focus();
}
