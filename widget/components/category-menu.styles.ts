/**
 * @module
 * Styles of `<sp-category-menu>`.
 */
import { css } from 'lit';

export const categoryMenuStyles = css`
  :host {
    display: block;
  }

  .filter {
    display: grid;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
  }

  input {
    font: inherit;
    color: inherit;
    background: var(--sp-color-surface, Canvas);
    border: 1px solid var(--sp-color-border, #6b7280);
    border-radius: var(--sp-radius, 0.375rem);
    padding: 0.5rem 0.75rem;
    min-height: 2.5rem;
    box-sizing: border-box;
    width: 100%;
  }

  .hint,
  .path,
  .count {
    color: var(--sp-color-muted, #4b5563);
    font-size: 0.875em;
  }

  .hint {
    margin: 0;
  }

  nav ol {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem;
    list-style: none;
    margin: 0.75rem 0 0;
    padding: 0;
  }

  nav li + li::before {
    content: '›';
    margin-inline-end: 0.25rem;
    color: var(--sp-color-muted, #4b5563);
  }

  nav button {
    font: inherit;
    color: var(--sp-color-accent, #1d4ed8);
    background: none;
    border: none;
    padding: 0.25rem;
    min-height: 1.5rem;
    text-decoration: underline;
    cursor: pointer;
  }

  nav [aria-current] {
    font-weight: 600;
  }

  .status {
    margin: 0.5rem 0;
    min-height: 1.25em;
  }

  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.375rem;
  }

  [part~='option'] {
    font: inherit;
    color: inherit;
    width: 100%;
    min-height: 2.75rem;
    display: grid;
    grid-template-columns: 1fr auto auto;
    align-items: center;
    gap: 0 0.5rem;
    text-align: start;
    padding: 0.5rem 0.75rem;
    background: var(--sp-color-surface, Canvas);
    border: 1px solid var(--sp-color-border, #6b7280);
    border-radius: var(--sp-radius, 0.375rem);
    cursor: pointer;
  }

  [part~='option']:hover {
    border-color: var(--sp-color-accent, #1d4ed8);
  }

  [part~='option'][aria-current] {
    border-width: 2px;
    border-color: var(--sp-color-accent, #1d4ed8);
  }

  .path {
    grid-column: 1 / -1;
    grid-row: 2;
  }

  .chevron {
    font-size: 1.25em;
    line-height: 1;
  }

  :focus-visible {
    outline: 3px solid var(--sp-color-focus, #2563eb);
    outline-offset: 2px;
  }
`;
