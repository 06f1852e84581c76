/**
 * @module
 * The category tree the widget test server seeds (tests/fixtures/categories.json), by id: a test
 * names `label('infra.network.vpn')` rather than the words, so a copy edit does not break it,
 * while a menu that shows the wrong category still fails.
 */
import type { CategoryInput } from '../../contract/category-tree.ts';
import type { Language } from '../../contract/domain.ts';

const tree: CategoryInput[] = await (await fetch('/tests/fixtures/categories.json')).json();

/** The nodes from the root down to `id`. */
function trail(id: string, nodes: CategoryInput[] = tree): CategoryInput[] | undefined {
  for (const node of nodes) {
    if (node.id === id) return [node];
    const below = trail(id, node.children ?? []);
    if (below) return [node, ...below];
  }
  return undefined;
}

function nodes(id: string): CategoryInput[] {
  const found = trail(id);
  if (!found) throw new Error(`no category ${id} in tests/fixtures/categories.json`);
  return found;
}

/** The label of category `id` in `language` (Spanish, the default, when absent). */
export function label(id: string, language: Language = 'es'): string {
  return nodes(id).at(-1)!.labels[language];
}

/** The labels from the top-level area down to category `id`, as the widget's breadcrumbs say. */
export function path(id: string, language: Language = 'es'): string[] {
  return nodes(id).map((node) => node.labels[language]);
}

/** The labels of the children of `id` (of the top level when absent), in their order. */
export function children(id?: string, language: Language = 'es'): string[] {
  const below = id === undefined ? tree : (nodes(id).at(-1)!.children ?? []);
  return below.map((node) => node.labels[language]);
}

/** The help text of category `id` and its links' labels in `language`, as the fixture has them. */
export function help(id: string, language: Language = 'es'): { text: string; links: string[] } {
  const found = nodes(id).at(-1)!.help;
  if (!found) throw new Error(`category ${id} has no help in tests/fixtures/categories.json`);
  return { text: found.text[language], links: found.links.map((link) => link.label[language]) };
}
