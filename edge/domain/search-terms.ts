/**
 * @module
 * What a customer types into the search box, made safe for SQLite FTS5: never FTS5 query syntax
 * (operators, column filters, quotes, NEAR), only quoted terms, and a ticket number when the
 * whole query is one.
 */

/** More words than this only narrow what the first ones found; each costs an index pass. */
export const MAX_SEARCH_WORDS = 8;

/** Runs of letters and digits: the characters SQLite's `unicode61` tokenizer keeps in a token. */
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const TICKET_NUMBER = /^#?\s*([1-9]\d{0,14})$/;

export interface SearchTerms {
  /** The words as typed, one per entry of `matches`. */
  words: string[];
  /** One FTS5 query per word, each a quoted (prefix) term; a ticket matches if all match. */
  matches: string[];
  /** When the query is only a ticket number (`1234` or `#1234`), that number. */
  number: number | null;
}

export function searchTerms(query: string): SearchTerms {
  const text = query.normalize('NFC').trim();
  const words = [...new Set(text.match(WORD) ?? [])].slice(0, MAX_SEARCH_WORDS);
  const number = TICKET_NUMBER.exec(text)?.[1];
  return {
    words,
    // A word holds no quote (see WORD), so quoting it is enough. One letter matches only itself:
    // as a prefix it would name most of the index.
    matches: words.map((word) => (word.length > 1 ? `"${word}"*` : `"${word}"`)),
    number: number ? Number(number) : null,
  };
}
