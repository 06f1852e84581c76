/**
 * @module
 * Searching the category tree: every leaf with the path that leads to it, and a filter that
 * matches what the customer types against those paths and their keywords, ignoring case and
 * accents.
 */
import type { CategoryNode } from '../../contract/types.ts';

/** A leaf of the tree together with the nodes above it, area first. */
export interface CategoryLeaf {
  node: CategoryNode;
  ancestors: CategoryNode[];
}

/** Lower case, decomposed, without combining marks: "Formación" and "FORMACION" compare equal. */
export function foldText(text: string, locale?: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLocaleLowerCase(locale);
}

/** Every selectable leaf, in the tree's order. */
export function categoryLeaves(
  nodes: CategoryNode[],
  ancestors: CategoryNode[] = [],
): CategoryLeaf[] {
  return nodes.flatMap((node) =>
    node.children.length
      ? categoryLeaves(node.children, [...ancestors, node])
      : [{ node, ancestors }],
  );
}

/** The words of a text, folded; "Red y VPN" gives red, y, vpn. */
function foldedWords(text: string, locale?: string): string[] {
  return foldText(text, locale)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The leaves whose path (labels and keywords) has, for every word of the query, a word that
 * starts with it: "vpn" finds the leaves of "Red y VPN" as well as those naming the VPN
 * themselves, "corr" finds "Correo". Leaves whose own words match more of the query come first,
 * so the closest answers lead; otherwise the tree's order is kept.
 */
export function searchCategories(
  leaves: CategoryLeaf[],
  query: string,
  locale?: string,
): CategoryLeaf[] {
  const wanted = foldedWords(query, locale);
  if (!wanted.length) return [];
  const found: { leaf: CategoryLeaf; own: number }[] = [];
  // A node's words: its label's and its keywords' ("password" finds "Access and login").
  const words = (node: CategoryNode) =>
    foldedWords([node.label, ...(node.keywords ?? [])].join(' '), locale);
  for (const leaf of leaves) {
    const own = words(leaf.node);
    const path = [...leaf.ancestors.flatMap(words), ...own];
    const matches = (words: string[], word: string) => words.some((w) => w.startsWith(word));
    if (wanted.every((word) => matches(path, word))) {
      found.push({ leaf, own: wanted.filter((word) => matches(own, word)).length });
    }
  }
  // Array.prototype.sort is stable, so equal scores keep the tree's order.
  return found.sort((a, b) => b.own - a.own).map((item) => item.leaf);
}

/** The nodes from the area down to the node with `id`, or an empty list when it is not there. */
export function pathTo(nodes: CategoryNode[], id: string): CategoryNode[] {
  for (const node of nodes) {
    if (node.id === id) return [node];
    const below = pathTo(node.children, id);
    if (below.length) return [node, ...below];
  }
  return [];
}

/** A piece of a label, and whether it is the start of a word the query matched. */
export interface LabelPart {
  text: string;
  match: boolean;
}

/**
 * Splits a label into the parts to highlight for the query: the beginning of each word that a
 * query word starts, as typed without accents ("formacion" marks "Formación").
 */
export function highlightParts(label: string, query: string, locale?: string): LabelPart[] {
  const wanted = foldedWords(query, locale);
  const parts: LabelPart[] = [];
  for (const piece of label.split(/([^\p{L}\p{N}]+)/u)) {
    const folded = foldText(piece, locale);
    const longest = Math.max(0, ...wanted.filter((w) => folded.startsWith(w)).map((w) => w.length));
    // Folding keeps one character per letter of these scripts, except the marks it drops.
    let cut = 0;
    while (cut < piece.length && foldText(piece.slice(0, cut), locale).length < longest) cut++;
    if (cut) parts.push({ text: piece.slice(0, cut), match: true });
    if (cut < piece.length) parts.push({ text: piece.slice(cut), match: false });
  }
  return parts.filter((part) => part.text);
}
