/**
 * @module
 * Layout of the ticket lists: one card per ticket, its marks, facts and actions.
 */
import { css } from 'lit';

export const listStyles = css`
  ul {
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
    display: grid;
    gap: 0.75em;
  }

  li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 1em;
    padding: 0.75em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .number {
    padding-inline: 0;
    min-height: 1.5em;
    font-weight: 700;
    justify-content: flex-start;
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
  }

  li.waiting {
    border-inline-start: 0.375em solid var(--_status-waiting-color);
  }

  .marks {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375em 0.5em;
  }

  .title {
    grid-column: 1 / -1;
    margin: 0.125em 0 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .new-reply {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    margin: 0;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_primary);
    font-weight: 600;
  }

  .category {
    grid-column: 1 / -1;
    margin: 0;
  }

  .facts {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375em;
  }

  .facts div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.25em;
  }

  .facts dd {
    margin: 0;
    color: var(--_text);
  }

  .row-actions {
    grid-column: 2;
    grid-row: 1;
    display: flex;
    gap: 0.5em;
    align-items: start;
  }

  .row-actions button {
    padding: 0.5em;
  }

  .scope {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0 0 var(--_space);
  }

  .pending {
    color: var(--_success);
    font-weight: 600;
  }

  h4 {
    margin: 0 0 0.5em;
    color: var(--_muted);
    font-size: 1em;
  }
`;
