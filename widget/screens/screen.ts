/**
 * @module
 * What every screen shares: the properties the root element gives it, a way to ask for another
 * screen, and the convention the root relies on to move focus (one `<h2 tabindex="-1">` heading).
 */
import { localized } from '@lit/localize';
import { LitElement, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import type { PublicConfig, Customer } from '../../contract/types.ts';
import type { ApiClient } from '../api/client.ts';
import { focusWhenRendered } from '../focus-when-rendered.ts';
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

  /** Once the screen has rendered, focuses a request's outcome (see focus-when-rendered.ts). */
  protected focusWhenRendered(selector: string): Promise<void> {
    return focusWhenRendered(this, selector);
  }

  protected navigate(route: Route): void {
    this.dispatchEvent(new NavigateEvent(route));
  }
}
