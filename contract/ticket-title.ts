/**
 * @module
 * A ticket's title: the first line of its description, cut at a word to about 80 characters.
 * Computed once when the ticket is written and stored; migration 0008 fills it for older tickets
 * with the same rule written in SQL (tests/api/titles.test.ts checks that both agree).
 */

/** The most characters (code points) a title keeps before it is cut at a word. */
export const TITLE_MAX_LENGTH = 80;

/** Marks a title cut short. */
const ELLIPSIS = '…';

export function ticketTitle(description: string): string {
  const line = [...trimSpaces(description.replaceAll('\r', '').split('\n')[0] ?? '')];
  if (line.length <= TITLE_MAX_LENGTH) return line.join('');
  // Up to the last space within one character past the limit, so a word ending at the limit stays.
  const head = line.slice(0, TITLE_MAX_LENGTH + 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space > 0 ? trimSpaces(head.slice(0, space)) : '';
  return (cut || line.slice(0, TITLE_MAX_LENGTH).join('')) + ELLIPSIS;
}

/** Spaces only, as SQLite's `trim(x)`, so the SQL backfill gives the same titles. */
function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, '');
}
