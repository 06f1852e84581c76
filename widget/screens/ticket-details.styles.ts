/**
 * @module
 * Layout of the ticket details screen and its timeline. The facts are a compact header above the
 * conversation in a narrow container and a side column beside it (with the people in copy) in a
 * wide one: a container query, so the portal's own width decides, not the page's.
 */
import { css } from 'lit';

export const detailsStyles = css`
  :host {
    container-type: inline-size;
  }

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'facts' 'conversation' 'people';
  }

  .facts {
    grid-area: facts;
  }

  .conversation {
    grid-area: conversation;
    min-width: 0;
  }

  .people {
    grid-area: people;
  }

  .people h3 {
    margin-top: 0;
  }

  .title {
    margin: -0.5em 0 var(--_space);
    font-size: 1.125em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8em, 1fr));
    gap: 0.5em 1em;
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
    padding: var(--_space);
    margin-block: var(--_space);
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

  @container (min-width: 44em) {
    .layout {
      grid-template-columns: minmax(0, 1fr) 15em;
      grid-template-rows: auto 1fr;
      grid-template-areas: 'conversation facts' 'conversation people';
      column-gap: calc(var(--_space) * 2);
    }

    .facts {
      grid-template-columns: minmax(0, 1fr);
      align-content: start;
      padding: 0 0 var(--_space) var(--_space);
      border-inline-start: 1px solid var(--_border);
      margin: 0;
    }

    .people {
      padding-inline-start: var(--_space);
      border-inline-start: 1px solid var(--_border);
    }

    .conversation > section:first-child h3 {
      margin-top: 0;
    }
  }
`;
