/**
 * @module
 * Layout of the ticket details screen and its timeline.
 */
import { css } from 'lit';

export const detailsStyles = css`
  .title {
    margin: -0.5em 0 var(--_space);
    font-size: 1.125em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    gap: 0.75em 1.5em;
    margin: 0 0 var(--_space);
  }

  .facts dt {
    color: var(--_muted);
    font-size: 0.9375em;
  }

  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .when {
    color: var(--_muted);
    font-size: 0.9375em;
    margin: 0;
  }

  .addition {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: 0.75em;
    margin: 0 0 var(--_space);
  }

  .solution {
    border: 1px solid var(--_success);
    border-radius: var(--_radius);
    padding: 0 var(--_space) var(--_space);
    margin-top: var(--_space);
  }

  .attachments {
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
    display: grid;
    gap: 0.5em;
  }

  .attachments li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }

  .file-name {
    overflow-wrap: anywhere;
  }

  .timeline {
    list-style: none;
    padding: 0;
    margin: 0;
    border-inline-start: 2px solid var(--_border);
  }

  .timeline li {
    padding: 0 0 0.75em 1em;
  }

  .timeline .what {
    margin: 0;
    font-weight: 600;
  }

  .back {
    margin-top: var(--_space);
  }
`;
