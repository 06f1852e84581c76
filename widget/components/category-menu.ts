/**
 * @module
 * `<sp-category-menu>`: the guided menu of categories (area > service > problem or need).
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CategoryNode } from '../../contract/types.ts';
import { defineElement } from '../define.ts';
import { CategorySelectEvent } from '../events/category-select.ts';
import { currentLanguage } from '../i18n/localization.ts';
import { NavigateEvent } from '../navigation.ts';
import { categoryHelp, categoryHelpStyles } from './category-help.ts';
import { categoryMenuStyles } from './category-menu.styles.ts';
import {
  categoryLeaves,
  highlightParts,
  pathTo,
  searchCategories,
  type CategoryLeaf,
} from './category-search.ts';

/** One row of the list: a branch to open, or a leaf to choose (with its path when searching). */
interface Row {
  node: CategoryNode;
  ancestors: CategoryNode[];
}

/**
 * @summary Lets the customer choose a category leaf, either by opening the tree level by level
 * (with breadcrumbs back up) or by typing in a filter that searches the whole tree.
 *
 * The list is one tab stop with a roving tabindex: the arrow keys, Home and End move within it,
 * Right opens a branch, Left goes back up, Enter or Space opens or chooses. Down in the filter
 * box moves to the first result. Only leaves can be chosen. The filter also matches each
 * category's keywords; an open branch shows its guidance. A filter that matches nothing offers
 * the next steps: all the categories (the filter cleared), or the contact screen.
 *
 * @event {NavigateEvent} sp-navigate - To the contact screen, when no category fits.
 * @event {CategorySelectEvent} sp-category-select - A leaf was chosen; `detail: { id: string;
 * path: string[] }`, the path in the active language from the area down to the leaf.
 *
 * @csspart base - The wrapper of the whole menu.
 * @csspart filter - The filter box and its label.
 * @csspart breadcrumbs - The path back up the tree.
 * @csspart help - The guidance of the open branch (a text and links), above its list.
 * @csspart list - The list of categories or of search results.
 * @csspart option - Each category or result in the list.
 * @csspart no-match - What to do when the filter matches no category.
 */
@localized()
export class CategoryMenu extends LitElement {
  static override styles = [categoryMenuStyles, categoryHelpStyles];

  /** The tree in the active language, as `GET /api/categories` returns it. */
  @property({ attribute: false }) categories: CategoryNode[] = [];

  /** The id of the leaf chosen before, if any: the menu opens at its level and marks it. */
  @property() value = '';

  /** The branches opened so far, area first; empty at the top level. */
  @state() private trail: CategoryNode[] = [];

  @state() private filter = '';

  /** The list item that holds the list's single tab stop. */
  @state() private activeIndex = 0;

  @query('#filter') private filterInput!: HTMLInputElement;

  private leaves: CategoryLeaf[] = [];

  /** Where focus goes once the list has rendered after opening or closing a level. */
  private pendingFocus: string | null = null;

  /** Focuses the filter box, where a keyboard user starts. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.filterInput.focus(options));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('categories')) this.leaves = categoryLeaves(this.categories);
    if (changed.has('categories') || changed.has('value')) {
      this.trail = pathTo(this.categories, this.value).slice(0, -1);
      this.activeIndex = 0;
    }
    if (this.pendingFocus !== null) {
      const id = this.pendingFocus;
      this.activeIndex = Math.max(
        0,
        this.rows().findIndex((row) => row.node.id === id),
      );
    }
  }

  protected override updated(): void {
    if (this.pendingFocus === null) return;
    this.pendingFocus = null;
    this.optionButtons()[this.activeIndex]?.focus();
  }

  private rows(): Row[] {
    if (this.filter.trim()) return searchCategories(this.leaves, this.filter, currentLanguage());
    const level = this.trail.at(-1)?.children ?? this.categories;
    return level.map((node) => ({ node, ancestors: this.trail }));
  }

  private optionButtons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="option"]')];
  }

  private focusRow(index: number): void {
    const buttons = this.optionButtons();
    if (!buttons.length) return;
    this.activeIndex = Math.min(Math.max(index, 0), buttons.length - 1);
    buttons[this.activeIndex]!.focus();
  }

  private open(node: CategoryNode): void {
    this.trail = [...this.trail, node];
    this.activeIndex = 0;
    this.pendingFocus = '';
  }

  /** Goes back to the level where `depth` branches are open, focusing the branch it left. */
  private goUp(depth: number): void {
    const left = this.trail[depth];
    if (!left) return;
    this.trail = this.trail.slice(0, depth);
    this.pendingFocus = left.id;
  }

  private choose(row: Row): void {
    const path = [...row.ancestors, row.node].map((node) => node.label);
    this.dispatchEvent(new CategorySelectEvent({ id: row.node.id, path }));
  }

  private handleFilterInput(event: InputEvent): void {
    this.filter = (event.target as HTMLInputElement).value;
    this.activeIndex = 0;
  }

  private handleFilterKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.focusRow(0);
    } else if (event.key === 'Escape' && this.filter) {
      event.preventDefault();
      this.filter = '';
    }
  }

  private handleOptionClick(row: Row): void {
    if (row.node.children.length) this.open(row.node);
    else this.choose(row);
  }

  private handleListKeydown(event: KeyboardEvent): void {
    const rows = this.rows();
    const row = rows[this.activeIndex];
    const moves: Record<string, number> = {
      ArrowDown: this.activeIndex + 1,
      ArrowUp: this.activeIndex - 1,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      if (event.key === 'ArrowUp' && this.activeIndex === 0) this.filterInput.focus();
      else this.focusRow(moves[event.key]!);
    } else if (event.key === 'ArrowRight' && row?.node.children.length) {
      event.preventDefault();
      this.open(row.node);
    } else if (event.key === 'ArrowLeft' && !this.filter.trim() && this.trail.length) {
      event.preventDefault();
      this.goUp(this.trail.length - 1);
    }
  }

  private handleListFocusIn(event: FocusEvent): void {
    const index = this.optionButtons().indexOf(event.target as HTMLButtonElement);
    if (index >= 0) this.activeIndex = index;
  }

  protected override render() {
    const searching = Boolean(this.filter.trim());
    const rows = this.rows();
    const listLabel = searching
      ? msg('Resultados de la búsqueda', { id: 'categoryMenu.results' })
      : (this.trail.at(-1)?.label ?? msg('Áreas', { id: 'categoryMenu.areas' }));
    return html`
      <div part="base">
        <div class="filter" part="filter">
          <label for="filter">${msg('Buscar una categoría', { id: 'categoryMenu.filter' })}</label>
          <input
            id="filter"
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="filter-hint"
            aria-controls="options"
            .value=${this.filter}
            @input=${this.handleFilterInput}
            @keydown=${this.handleFilterKeydown}
          />
          <p id="filter-hint" class="hint">
            ${msg('Escriba unas letras para buscar en todas las categorías, o recorra la lista.', {
              id: 'categoryMenu.filterHint',
            })}
          </p>
        </div>
        ${searching ? nothing : [this.renderBreadcrumbs(), categoryHelp(this.trail)]}
        <p class="count-status" role="status">${searching ? this.resultCount(rows.length) : ''}</p>
        ${searching && !rows.length ? this.renderNoMatch() : nothing}
        <ul
          id="options"
          part="list"
          aria-label=${listLabel}
          @keydown=${this.handleListKeydown}
          @focusin=${this.handleListFocusIn}
        >
          ${rows.map((row, index) => this.renderRow(row, index, searching))}
        </ul>
      </div>
    `;
  }

  /** A filter that matches nothing is no dead end: the whole list, or someone to ask. */
  private renderNoMatch() {
    return html`<div part="no-match">
      <p class="hint">
        ${msg('Pruebe con otras palabras, recorra todas las categorías o contacte con nosotros.', {
          id: 'categoryMenu.noResultsHint',
        })}
      </p>
      <div class="actions">
        <button type="button" @click=${this.handleBrowseAll}>
          ${msg('Ver todas las categorías', { id: 'categoryMenu.browseAll' })}
        </button>
        <button class="link" type="button" @click=${this.handleContact}>
          ${msg('Contacto', { id: 'categoryMenu.contact' })}
        </button>
      </div>
    </div>`;
  }

  /** Clears the filter and shows the areas, focus on the first one. */
  private handleBrowseAll(): void {
    this.filter = '';
    this.trail = [];
    this.activeIndex = 0;
    this.pendingFocus = '';
  }

  private handleContact(): void {
    this.dispatchEvent(new NavigateEvent({ screen: 'contact' }));
  }

  private resultCount(count: number): string {
    if (count === 0) {
      return msg(str`Ninguna categoría coincide con «${this.filter.trim()}».`, {
        id: 'categoryMenu.noResults',
      });
    }
    return count === 1
      ? msg('Una categoría encontrada.', { id: 'categoryMenu.oneResult' })
      : msg(str`${count} categorías encontradas.`, { id: 'categoryMenu.resultCount' });
  }

  private renderBreadcrumbs() {
    const all = msg('Todas las categorías', { id: 'categoryMenu.all' });
    const crumbs = [{ label: all, depth: 0 }].concat(
      this.trail.map((node, index) => ({ label: node.label, depth: index + 1 })),
    );
    return html`
      <nav part="breadcrumbs" aria-label=${msg('Ruta de categorías', { id: 'categoryMenu.path' })}>
        <ol>
          ${crumbs.map((crumb, index) =>
            index === crumbs.length - 1
              ? html`<li><span aria-current="location">${crumb.label}</span></li>`
              : html`<li>
                  <button type="button" @click=${() => this.goUp(crumb.depth)}>
                    ${crumb.label}
                  </button>
                </li>`,
          )}
        </ol>
      </nav>
    `;
  }

  private renderRow(row: Row, index: number, searching: boolean) {
    const branch = row.node.children.length > 0;
    const count = row.node.children.length;
    return html`
      <li>
        <button
          type="button"
          part="option"
          class=${branch ? 'branch' : 'leaf'}
          tabindex=${index === this.activeIndex ? 0 : -1}
          aria-current=${row.node.id === this.value ? 'true' : nothing}
          @click=${() => this.handleOptionClick(row)}
        >
          <span class="label">
            ${
              searching
                ? highlightParts(row.node.label, this.filter, currentLanguage()).map((part) =>
                    part.match ? html`<mark>${part.text}</mark>` : part.text,
                  )
                : row.node.label
            }
          </span>
          ${
            searching
              ? html`<span class="path"
                  >${row.ancestors.map((node) => node.label).join(' › ')}</span
                >`
              : nothing
          }
          ${
            branch
              ? html`<span class="count">
                    ${
                      count === 1
                        ? msg('1 opción', { id: 'categoryMenu.oneChild' })
                        : msg(str`${count} opciones`, { id: 'categoryMenu.childCount' })
                    }
                  </span>
                  <span class="chevron" aria-hidden="true">›</span>`
              : nothing
          }
        </button>
      </li>
    `;
  }
}

defineElement('sp-category-menu', CategoryMenu);

declare global {
  interface HTMLElementTagNameMap {
    'sp-category-menu': CategoryMenu;
  }
}
