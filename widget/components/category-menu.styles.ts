/**
 * @module
 * Styles of `<sp-category-menu>`, beside the shared ones.
 */
import { css } from 'lit';
import { shared } from '../styles/shared.ts';

export const categoryMenuStyles = [
  shared,
  css`
    .filter {
      display: grid;
      gap: 0.25rem;
    }

    .hint,
    .path,
    .count {
      color: var(--_muted);
      font-size: 0.875em;
      font-weight: 400;
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
      color: var(--_muted);
    }

    nav button {
      min-height: 1.5rem;
      min-width: 1.5rem;
      padding: 0.125rem 0.25rem;
      border-color: transparent;
      background: transparent;
      font-weight: 400;
      text-decoration: underline;
    }

    nav [aria-current] {
      font-weight: 600;
    }

    .count-status {
      margin: 0.5rem 0;
      min-height: 1.5em;
    }

    /* Stays in the page for screen readers, but takes no room while there is nothing to say. */
    .count-status:empty {
      margin-top: 0;
      min-height: 0;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.375rem;
    }

    [part~='option'] {
      width: 100%;
      display: grid;
      grid-template-columns: 1fr auto auto;
      justify-content: stretch;
      gap: 0 0.5rem;
      text-align: start;
      padding: 0.5rem 0.75rem;
      color: var(--_text);
      border-color: var(--_border);
    }

    [part~='option']:hover {
      border-color: var(--_primary);
    }

    [part~='option'][aria-current] {
      border-width: 2px;
      border-color: var(--_primary);
    }

    .label {
      font-weight: 600;
    }

    mark {
      color: inherit;
      background: none;
      text-decoration: underline;
      text-decoration-thickness: 2px;
      text-underline-offset: 0.15em;
    }

    .path {
      grid-column: 1 / -1;
      grid-row: 2;
    }

    .chevron {
      font-size: 1.25em;
      line-height: 1;
    }
  `,
];
