/**
 * @module
 * Styles for showing a ticket's texts and facts, shared by the summary after creation (the
 * ticket-created screen) and the solution screen.
 */
import { css } from 'lit';

export const ticketTextStyles = css`
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0;
  }

  .facts {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.5rem 1rem;
    margin: 0 0 var(--_space);
  }

  .facts dt {
    font-weight: 600;
  }

  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  @media (max-width: 30rem) {
    .facts {
      grid-template-columns: 1fr;
      gap: 0.125rem;
    }

    .facts dd + dt {
      margin-top: 0.5rem;
    }
  }

  .box {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.75rem 1rem;
    margin: 0 0 var(--_space);
  }

  .box h3 {
    margin-top: 0;
  }

  .field-error:empty {
    display: none;
  }

  .answer {
    margin: 0 0 calc(var(--_space) * 1.5);
  }

  .additions {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }

  .meta {
    color: var(--_muted);
    font-size: 0.9375em;
    margin: 0 0 0.25rem;
  }

  .required,
  .hint,
  .count {
    color: var(--_muted);
    font-weight: 400;
    font-size: 0.9375em;
    margin: 0;
  }
`;
