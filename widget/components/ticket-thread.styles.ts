/**
 * @module
 * The thread: the customer's messages at the start side, the desk's at the end side in the
 * theme's accent, each with a labelled author line (never told apart by colour alone), and
 * status changes as small centred lines between them.
 */
import { css } from 'lit';

export const threadStyles = css`
  :host {
    display: block;
  }

  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }

  .message {
    max-width: min(42em, 92%);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
    background: var(--_surface);
  }

  .message[data-side='desk'],
  .message[data-side='system'] {
    align-self: flex-end;
    border-color: var(--_primary);
    border-inline-end-width: 4px;
  }

  .message[data-side='customer'] {
    align-self: flex-start;
    border-inline-start-width: 4px;
  }

  .who {
    margin: 0;
    font-size: 0.9375em;
    color: var(--_muted);
  }

  .who strong {
    color: var(--_text);
  }

  .text {
    margin: 0.25em 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .status-line {
    align-self: center;
    text-align: center;
    font-size: 0.875em;
    color: var(--_muted);
  }

  .file {
    margin-top: 0.5em;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }

  .file button {
    min-height: 2.75em;
  }

  .thumb {
    display: flex;
    align-items: center;
    justify-content: center;
    min-width: 2.75em;
    min-height: 2.75em;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
    cursor: zoom-in;
  }

  .thumb img {
    display: block;
    max-width: 12em;
    max-height: 8em;
    border-radius: var(--_radius);
  }

  .file-name {
    overflow-wrap: anywhere;
  }
`;
