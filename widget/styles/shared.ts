/**
 * @module
 * Styles every screen shares: the reset that keeps the host page's inherited styles out, type,
 * form fields, buttons, status messages. Screens add only their own layout beside these.
 */
import { css } from 'lit';

export const shared = css`
  :host {
    display: block;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h2 {
    font-size: 1.5em;
    line-height: 1.25;
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  /* Headings take focus only so that screen readers announce a new screen; no one operates them. */
  h2[tabindex='-1']:focus {
    outline: none;
  }

  h3 {
    font-size: 1.125em;
    margin: calc(var(--_space) * 1.25) 0 calc(var(--_space) * 0.5);
  }

  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  a {
    color: var(--_primary);
  }

  .muted {
    color: var(--_muted);
  }

  form {
    display: grid;
    gap: var(--_space);
    max-width: 32em;
  }

  .field {
    display: grid;
    gap: 0.25em;
  }

  label {
    font-weight: 600;
  }

  /* Text fields only: a checkbox or radio given these rules became a 100%-wide empty box. */
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5em 0.75em;
    min-height: 2.75em;
    width: 100%;
  }

  /* A 24 px target in the brand colour (WCAG 2.5.8); components may size their own. */
  :where(input[type='checkbox'], input[type='radio']) {
    font-size: inherit;
    flex: none;
    width: 1.5em;
    height: 1.5em;
    margin: 0;
    accent-color: var(--_primary);
    cursor: pointer;
  }

  textarea {
    min-height: 8em;
    resize: vertical;
  }

  input[aria-invalid='true'],
  textarea[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .field-error {
    color: var(--_danger);
    font-size: 0.9375em;
    margin: 0;
  }

  button,
  .button {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 2.75em;
    min-width: 2.75em;
    padding: 0.5em 1em;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_background);
    color: var(--_primary);
    cursor: pointer;
    text-decoration: none;
    transition:
      background var(--_transition),
      color var(--_transition);
  }

  button:hover:not(:disabled),
  .button:hover {
    background: var(--_surface);
  }

  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }

  button.primary:hover:not(:disabled) {
    background: var(--_primary);
    filter: brightness(1.1);
  }

  /* No inline padding: a link's text lines up with the text above and below it. */
  button.link {
    border-color: transparent;
    background: transparent;
    padding-inline: 0;
    text-decoration: underline;
    font-weight: 400;
  }

  button:disabled {
    cursor: not-allowed;
    border-style: dashed;
    color: var(--_muted);
    border-color: var(--_muted);
    background: transparent;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    align-items: center;
  }

  .status {
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    margin: 0 0 var(--_space);
    border: 1px solid var(--_border);
    background: var(--_surface);
  }

  .status:empty {
    display: none;
  }

  .status.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }

  .status.success {
    border-color: var(--_success);
    color: var(--_success);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
