/**
 * @module
 * The parts of the portal's inner elements, exported up to `<support-portal>` so that a host
 * page styles them with `support-portal::part(name)`. A part `p` of `<sp-x>` or of
 * `<sp-x-screen>` is `x-p` outside: one name per place, although several elements call a part
 * `base` or `form`. Each element that holds another forwards that one's names on, up to the root.
 */

/** Each inner element's documented parts (its `@csspart` lines), by its tag without `sp-`. */
export const INNER_PARTS = {
  'account-menu': ['toggle', 'panel'],
  'attach-file': ['base', 'cancel'],
  'category-menu': ['base', 'filter', 'breadcrumbs', 'help', 'list', 'option', 'no-match'],
  'colleague-picker': ['toggle', 'refusal', 'list'],
  'file-picker': ['base', 'button', 'file', 'error'],
  'upload-progress': ['base', 'bar'],
  'ticket-thread': ['message', 'status-line'],
  'ticket-reply-box': ['form'],
  'new-ticket': ['category-menu', 'help', 'form'],
  solution: ['solution', 'accept', 'reject-form'],
  'ticket-created': ['summary', 'actions'],
} as const;

export type PartsOwner = keyof typeof INNER_PARTS;

/** The names `<support-portal>` exports for an element's parts, e.g. `file-picker-button`. */
export function outerParts(owner: PartsOwner): string[] {
  return INNER_PARTS[owner].map((part) => `${owner}-${part}`);
}

/**
 * An `exportparts` value: the owner's own parts renamed (`button: file-picker-button`), then the
 * names of the elements it holds, forwarded as they are.
 */
export function exportParts(owner: PartsOwner | null, held: PartsOwner[] = []): string {
  const own = owner ? INNER_PARTS[owner].map((part) => `${part}: ${owner}-${part}`) : [];
  return [...own, ...held.flatMap(outerParts)].join(', ');
}
