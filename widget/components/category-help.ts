/**
 * @module
 * A category's guidance ("Before opening: check the status page") with its links, shown when the
 * customer reaches the category: in the menu once its branch is open, and above the form.
 */
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { CategoryNode } from '../../contract/types.ts';

/**
 * The help of every node given (a path, area first) that has some, as text: the API's words are
 * never markup. Links open in a new tab without giving it this page; only https ones are shown.
 */
export function categoryHelp(nodes: CategoryNode[]) {
  const helps = nodes.flatMap((node) => (node.help ? [node.help] : []));
  if (!helps.length) return nothing;
  return html`<div class="category-help" part="help" role="note">
    ${helps.map((help) => {
      const links = help.links.filter((link) => link.url.startsWith('https://'));
      return html`<p>${help.text}</p>
        ${
          links.length
            ? html`<ul>
                ${links.map(linkItem)}
              </ul>`
            : nothing
        }`;
    })}
  </div>`;
}

function linkItem(link: { label: string; url: string }) {
  return html`<li>
    <a href=${link.url} target="_blank" rel="noopener noreferrer"
      >${link.label}<span class="visually-hidden">
        ${msg('(se abre en una pestaña nueva)', { id: 'categoryHelp.newTab' })}</span
      ></a
    >
  </li>`;
}

export const categoryHelpStyles = css`
  .category-help {
    margin-block: 0.75rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .category-help p {
    margin: 0;
  }

  .category-help ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
`;
