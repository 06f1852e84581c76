/**
 * @module
 * `<sp-status-badge>`: a ticket's status as a badge, with an icon and its name, so that colour is
 * never the only sign (WCAG 1.4.1). The lists, the search results, the details header and home
 * all show statuses through this one element.
 */
import { localized } from '@lit/localize';
import { css, html, LitElement, svg } from 'lit';
import { property } from 'lit/decorators.js';
import type { TicketStatus } from '../../contract/domain.ts';
import { defineElement } from '../define.ts';
import { statusLabel } from '../i18n/labels.ts';

const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

/** A distinct shape per status, so the icons tell statuses apart without their colours. */
const ICONS: Record<TicketStatus, ReturnType<typeof icon>> = {
  /** A star: just arrived. */
  new: icon(
    svg`<path d="m12 3 2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 16.8l-5.4 2.9 1.1-6.1-4.5-4.2 6.1-.8Z"/>`,
  ),
  /** A clock: support is working on it. */
  in_progress: icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`),
  /** A speech bubble with a question mark: support asked something. */
  waiting_for_customer: icon(
    svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"/><path d="M10 9.5a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.2v.5"/><path d="M12 15.5h.01"/>`,
  ),
  /** A tick in a circle: a solution awaits the customer's answer. */
  resolved: icon(svg`<circle cx="12" cy="12" r="9"/><path d="m8 12 3 3 5-6"/>`),
  /** A padlock: the ticket is closed. */
  closed: icon(
    svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`,
  ),
};

/**
 * @summary The status's icon and name on the status's own colours, which the theme defines for
 * the light and the dark scheme with a contrast of at least 4.5:1 (see `styles/theme.ts`).
 *
 * @cssproperty --sp-status-new-color - The text and icon colour of `new` (likewise
 * `--sp-status-in-progress-color`, `-waiting-`, `-resolved-`, `-closed-`; `-dark` twins for the
 * dark scheme). Set on `<support-portal>`.
 * @cssproperty --sp-status-new-background - Its background (likewise per status).
 */
@localized()
export class StatusBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      vertical-align: middle;
      --_fg: var(--_status-closed-color);
      --_bg: var(--_status-closed-background);
    }

    :host([status='new']) {
      --_fg: var(--_status-new-color);
      --_bg: var(--_status-new-background);
    }

    :host([status='in_progress']) {
      --_fg: var(--_status-in-progress-color);
      --_bg: var(--_status-in-progress-background);
    }

    :host([status='waiting_for_customer']) {
      --_fg: var(--_status-waiting-color);
      --_bg: var(--_status-waiting-background);
    }

    :host([status='resolved']) {
      --_fg: var(--_status-resolved-color);
      --_bg: var(--_status-resolved-background);
    }

    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.375em;
      padding: 0.0625em 0.625em 0.0625em 0.5em;
      border: 1px solid var(--_fg);
      border-radius: 999px;
      color: var(--_fg);
      background: var(--_bg);
      font-weight: 600;
      line-height: 1.5;
    }

    svg {
      width: 1.125em;
      height: 1.125em;
      flex: none;
    }
  `;

  /** The ticket's status. */
  @property({ reflect: true }) status: TicketStatus = 'new';

  protected override render() {
    return html`<span class="badge">${ICONS[this.status]}${statusLabel(this.status)}</span>`;
  }
}

defineElement('sp-status-badge', StatusBadge);

declare global {
  interface HTMLElementTagNameMap {
    'sp-status-badge': StatusBadge;
  }
}
