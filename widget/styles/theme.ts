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
