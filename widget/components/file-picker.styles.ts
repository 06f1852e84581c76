/**
 * @module
 * Styles of `<sp-file-picker>`.
 */
import { css } from 'lit';

export const filePickerStyles = css`
  :host {
    display: block;
  }

  .zone {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem;
    border: 2px dashed var(--sp-color-border, #6b7280);
    border-radius: var(--sp-radius, 0.375rem);
  }

  .zone.dragging {
    border-color: var(--sp-color-accent, #1d4ed8);
    background: var(--sp-color-accent-soft, rgb(29 78 216 / 0.08));
  }

  .label {
    font-weight: 600;
  }

  p {
    margin: 0;
  }

  .hint,
  .size {
    color: var(--sp-color-muted, #4b5563);
    font-size: 0.875em;
  }

  .file {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    overflow-wrap: anywhere;
  }

  .name {
    font-weight: 600;
  }

  button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.375rem 0.875rem;
    border-radius: var(--sp-radius, 0.375rem);
    border: 1px solid var(--sp-color-accent, #1d4ed8);
    color: var(--sp-color-accent, #1d4ed8);
    background: var(--sp-color-surface, Canvas);
    cursor: pointer;
  }

  button.remove {
    min-height: 1.5rem;
    padding: 0.125rem 0.5rem;
  }

  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }

  .error {
    color: var(--sp-color-danger, #b91c1c);
    font-weight: 600;
  }

  :focus-visible {
    outline: 3px solid var(--sp-color-focus, #2563eb);
    outline-offset: 2px;
  }
`;
