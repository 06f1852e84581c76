/**
 * @module
 * The root element's own layout: the outer box, the header with the title, language menu and
 * customer, the notice, the screen area and the footer.
 */
import { css } from 'lit';
import { headerControl } from './styles/header-control.ts';

export const portalStyles = css`
  :host {
    display: block;
  }

  .portal {
    all: initial;
    display: block;
    container-type: inline-size;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    border-radius: var(--_radius);
    min-width: 0;
  }

  header,
  footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    padding: 0.75em var(--_space);
    background: var(--_surface);
  }

  /* Rows the controls wrap onto keep to the end, under the ones above, as on a wide screen. */
  header {
    position: relative;
    justify-content: flex-end;
    border-radius: var(--_radius) var(--_radius) 0 0;
  }

  footer {
    border-radius: 0 0 var(--_radius) var(--_radius);
  }

  .title {
    font-weight: 700;
    font-size: 1.125em;
    margin-inline-end: auto;
  }

  /*
   * The account menu counts as nothing when the header wraps, then takes what room its row has
   * left, up to its full width: on a phone the controls keep to two rows and a long name ends
   * in "…".
   */
  .who {
    flex: 1 1 0;
    min-width: 5em;
    max-width: max-content;
  }

  /* On a phone the language menu shows its language, named for screen readers only. */
  @container (max-width: 26em) {
    .language-label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  }

  label {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }

  select,
  button {
    ${headerControl}
  }

  /* As wide as the language shown, where supported: room for the name on narrow screens. */
  select {
    field-sizing: content;
    padding-inline: 0.5em;
  }

  /* Text links: their words line up with the title and the screen's text. */
  button.link {
    padding-inline: 0;
    border-color: transparent;
    background: transparent;
    color: var(--_primary);
    text-decoration: underline;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .main {
    padding: var(--_space);
    max-width: var(--_max-width);
    margin-inline: auto;
  }

  /* In the screens' column: as wide as .main's content, never wider. */
  .notice {
    max-width: var(--_max-width);
    margin: var(--_space) auto 0;
    padding-inline: var(--_space);
  }

  .notice p {
    margin: 0;
    padding: 0.75em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
