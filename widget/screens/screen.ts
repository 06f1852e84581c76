/**
 * @module
 * What every screen shares: the properties the root element gives it, a way to ask for another
 * screen, and the convention the root relies on to move focus (one `<h2 tabindex="-1">` heading).
 */
import { localized } from '@lit/localize';
import { LitElement, ReactiveElement, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import type { PublicConfig, Customer } from '../../edge/contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { NavigateEvent, type Route } from '../navigation.ts';
import { shared } from '../styles/shared.ts';

@localized()
export class ScreenElement extends LitElement {
  static override styles: CSSResultGroup = [shared];

  /** The portal's API client, given by `<support-portal>`. */
  @property({ attribute: false }) client!: ApiClient;

  /** The API's public configuration; null until it has loaded. */
  @property({ attribute: false }) config: PublicConfig | null = null;

  /** The logged-in customer, or null. */
  @property({ attribute: false }) customer: Customer | null = null;

  /** Names the `<support-portal>` instance, so that its drafts are its own (draft.ts). */
  @property({ attribute: false }) instance = '';

  /** Moves focus to the screen's heading, so screen readers announce the new screen. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /**
   * Once the screen has rendered, moves focus to what a request's outcome is: its error message
   * or first refused field, or its result. A submit button disabled while the request ran has
   * lost focus to the page's body; left there, a keyboard or screen reader user starts over
   * from the top of the page. A component's own controls render after the screen, so it waits
   * for them too.
   */
  protected async focusWhenRendered(selector: string): Promise<void> {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    if (target instanceof ReactiveElement) await target.updateComplete;
    target?.focus();
  }

  protected navigate(route: Route): void {
    this.dispatchEvent(new NavigateEvent(route));
  }
}
