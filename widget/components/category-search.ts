/**
 * @module
 * Searching the category tree: every leaf with the path that leads to it, and a filter that
 * matches what the customer types against those paths, ignoring case and accents.
 */
import type { CategoryNode } from '../../edge/contract/types.ts';

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

/**
 * The leaves whose path contains every word of the query: "vpn" finds the leaves of "Red y VPN"
 * as well as those naming the VPN themselves. Leaves whose own label matches come first, so the
 * closest answers lead; otherwise the tree's order is kept.
 */
export function searchCategories(
  leaves: CategoryLeaf[],
  query: string,
  locale?: string,
): CategoryLeaf[] {
  const words = foldText(query, locale).split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const scored: { leaf: CategoryLeaf; own: boolean }[] = [];
  for (const leaf of leaves) {
    const label = foldText(leaf.node.label, locale);
    const path = [...leaf.ancestors.map((node) => foldText(node.label, locale)), label].join(' ');
    if (words.every((word) => path.includes(word))) {
      scored.push({ leaf, own: words.some((word) => label.includes(word)) });
    }
  }
  return [...scored.filter((item) => item.own), ...scored.filter((item) => !item.own)].map(
    (item) => item.leaf,
  );
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
