/**
 * @module
 * Layout of `<sp-new-ticket-screen>`, beside the shared styles.
 */
import { css } from 'lit';

export const newTicketStyles = css`
  .step {
    color: var(--_muted);
  }

  form h3 {
    margin: 0;
  }

  h3:focus {
    outline: none;
  }

  h3:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 4px;
  }

  .field-error:empty {
    display: none;
  }

  .label {
    font-weight: 600;
  }

  .category {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .required,
  .hint,
  .count {
    color: var(--_muted);
    font-weight: 400;
    font-size: 0.9375em;
    margin: 0;
  }

  /* The creation date is given, not asked: plain text, not an empty-looking box. */
  input[readonly] {
    min-height: 0;
    padding: 0;
    border: 0;
    background: transparent;
  }

  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    margin: 0;
    min-width: 0;
  }

  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }

  /* The form takes the screen's width; the description grows with its text. */
  form {
    max-width: none;
  }

  textarea {
    field-sizing: content;
    max-height: 70vh;
  }

  /* One urgency a row, its one-line definition under its name. */
  .urgencies {
    display: grid;
    gap: 0.25rem;
  }

  .definition {
    display: block;
    color: var(--_muted);
    font-size: 0.9375em;
  }

  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    font-weight: 400;
    cursor: pointer;
  }
`;
