/**
 * @module
 * `sp-category-select`: a leaf of the guided category menu was chosen. Internal to the widget.
 */

/** The detail of {@link CategorySelectEvent}. */
export interface CategorySelectDetail {
  /** The leaf's id, as the API expects it in a new ticket. */
  id: string;
  /** The labels from the area down to the leaf, in the active language. */
  path: string[];
}

/** A leaf of the category menu was chosen. Bubbles, but stays inside the widget. */
export class CategorySelectEvent extends CustomEvent<CategorySelectDetail> {
  static readonly type = 'sp-category-select';

  constructor(detail: CategorySelectDetail) {
    super(CategorySelectEvent.type, { detail, bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-category-select': CategorySelectEvent;
  }
}
