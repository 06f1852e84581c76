/**
 * @module
 * The portal's theme: every colour, font, radius and spacing the screens use, each one a public
 * `--sp-*` custom property the host page may set on `<support-portal>` (colours twice: light and
 * `-dark`), with defaults that meet WCAG 2.2 AA contrast in the light and the dark scheme.
 */
import { css } from 'lit';

/**
 * The dark scheme, used by the system preference and by `scheme="dark"` alike: each colour its
 * own `--sp-color-*-dark` property, so that a page's light colours (dark text, a deep primary)
 * never land on the dark background.
 */
const darkPalette = css`
  --_primary: var(--sp-color-primary-dark, #a8c7fa);
  --_on-primary: var(--sp-color-on-primary-dark, #062e6f);
  --_text: var(--sp-color-text-dark, #e8eaed);
  --_muted: var(--sp-color-muted-dark, #bdc3cc);
  --_background: var(--sp-color-background-dark, #16191d);
  --_surface: var(--sp-color-surface-dark, #23272e);
  --_border: var(--sp-color-border-dark, #8d96a1);
  --_danger: var(--sp-color-danger-dark, #f2b8b5);
  --_success: var(--sp-color-success-dark, #8fd9a6);
  --_focus: var(--sp-color-focus-dark, #a8c7fa);
  --_status-new-color: var(--sp-status-new-color-dark, #a8c7fa);
  --_status-new-background: var(--sp-status-new-background-dark, #1c2b45);
  --_status-in-progress-color: var(--sp-status-in-progress-color-dark, #d9bdf7);
  --_status-in-progress-background: var(--sp-status-in-progress-background-dark, #33264a);
  --_status-waiting-color: var(--sp-status-waiting-color-dark, #ffc98f);
  --_status-waiting-background: var(--sp-status-waiting-background-dark, #3f2a12);
  --_status-resolved-color: var(--sp-status-resolved-color-dark, #8fd9a6);
  --_status-resolved-background: var(--sp-status-resolved-background-dark, #15321f);
  --_status-closed-color: var(--sp-status-closed-color-dark, #c8cdd4);
  --_status-closed-background: var(--sp-status-closed-background-dark, #2b3038);
`;

export const theme = css`
  :host {
    --_primary: var(--sp-color-primary, #0b57d0);
    --_on-primary: var(--sp-color-on-primary, #ffffff);
    --_text: var(--sp-color-text, #1b1f24);
    --_muted: var(--sp-color-muted, #4a5361);
    --_background: var(--sp-color-background, #ffffff);
    --_surface: var(--sp-color-surface, #f3f5f8);
    --_border: var(--sp-color-border, #6b7480);
    --_danger: var(--sp-color-danger, #b3261e);
    --_success: var(--sp-color-success, #146c2e);
    --_focus: var(--sp-color-focus, #0b57d0);
    /* Each status's badge colours (status-badge.ts), 5.5:1 or more in both schemes. */
    --_status-new-color: var(--sp-status-new-color, #0b57d0);
    --_status-new-background: var(--sp-status-new-background, #e8f0fe);
    --_status-in-progress-color: var(--sp-status-in-progress-color, #6a35a8);
    --_status-in-progress-background: var(--sp-status-in-progress-background, #f3ecfb);
    --_status-waiting-color: var(--sp-status-waiting-color, #8a3b00);
    --_status-waiting-background: var(--sp-status-waiting-background, #fff0e0);
    --_status-resolved-color: var(--sp-status-resolved-color, #146c2e);
    --_status-resolved-background: var(--sp-status-resolved-background, #e6f4ea);
    --_status-closed-color: var(--sp-status-closed-color, #4a5361);
    --_status-closed-background: var(--sp-status-closed-background, #eef0f3);
    --_font: var(
      --sp-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_font-size: var(--sp-font-size, medium);
    --_radius: var(--sp-radius, 0.5em);
    --_space: var(--sp-space, 1em);
    --_max-width: var(--sp-max-width, 56em);
    --_transition: 150ms ease-out;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([scheme='light'])) {
      ${darkPalette}
    }
  }

  :host([scheme='dark']) {
    ${darkPalette}
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition: 0s;
    }
  }
`;
