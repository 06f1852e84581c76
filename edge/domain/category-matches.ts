/**
 * @module
 * Which categories a search word names: a word of any of a category's labels (in any language,
 * accents and case ignored) that starts with it, as the full-text index matches a prefix. A
 * ticket filed under such a category or below it matches the word ("vpn" finds the tickets of
 * "Red y VPN > ...").
 */
import type { CategoryIndex } from './categories.ts';

/** Lower case, accents removed: "Conexión" and "conexion" are one word. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const WORDS = /[\p{L}\p{N}]+/gu;

/** The ids of the categories whose labels hold a word starting with `word`, and every one below. */
export function categoriesMatching(index: CategoryIndex, word: string): string[] {
  const prefix = folded(word);
  const named = [...index.byId.values()].filter((row) =>
    Object.values(row.labels).some((label) =>
      (folded(label).match(WORDS) ?? []).some((labelWord) => labelWord.startsWith(prefix)),
    ),
  );
  const ids = new Set<string>();
  const walk = (id: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    for (const child of index.childrenOf.get(id) ?? []) walk(child.id);
  };
  for (const row of named) walk(row.id);
  return [...ids];
}
