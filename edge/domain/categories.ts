/**
 * @module
 * The category tree, read once and kept briefly in memory: every ticket list and detail names
 * its category with its path, and the tree changes rarely.
 */
import { asc } from 'drizzle-orm';
import type { Language } from '../../contract/domain.ts';
import type { CategoryNode } from '../../contract/types.ts';
import { preparedQuery } from '../db/prepared.ts';
import { mapped, readTogether, type Read } from '../db/reads.ts';
import { categories, type CategoryRow } from '../db/schema.ts';
import type { Database } from '../ports.ts';

const CACHE_MS = 30_000;

export interface CategoryIndex {
  byId: Map<string, CategoryRow>;
  childrenOf: Map<string | null, CategoryRow[]>;
}

const allCategories = (db: Database) =>
  db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id)).prepare();

function indexOf(rows: CategoryRow[]): CategoryIndex {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const childrenOf = new Map<string | null, CategoryRow[]>();
  for (const row of rows) {
    const siblings = childrenOf.get(row.parentId) ?? [];
    siblings.push(row);
    childrenOf.set(row.parentId, siblings);
  }
  return { byId, childrenOf };
}

/**
 * The loaded tree, kept as data and never as a shared promise: on Workers a request that awaits
 * a promise another request's I/O settles is never resumed, and the runtime cancels it as hung
 * (concurrent requests failed with 500 under load, see BENCHMARKS.md). Concurrent misses each
 * read the tree, a few dozen rows.
 */
const cache = new WeakMap<object, { loadedAt: number; index: CategoryIndex }>();
/** Raised by `forgetCategories`, so that a read started before a change is not kept. */
const generations = new WeakMap<object, number>();

/** The tree if the cache holds it still, else null. */
function cachedIndex(db: Database, now: number): CategoryIndex | null {
  const cached = cache.get(db);
  return cached && now - cached.loadedAt < CACHE_MS ? cached.index : null;
}

/**
 * The read that loads the tree and keeps it, or none while it is kept: for a route to send
 * with its own reads (`readTogether`), so that `categoryIndex` then finds it in memory.
 */
export function categoryReads(db: Database, now = Date.now()): Read<CategoryIndex>[] {
  if (cachedIndex(db, now)) return [];
  const generation = generations.get(db) ?? 0;
  const read = preparedQuery(db, 'categories', allCategories).allRead();
  return [
    mapped(read, (rows) => {
      const index = indexOf(rows);
      if ((generations.get(db) ?? 0) === generation) cache.set(db, { loadedAt: now, index });
      return index;
    }),
  ];
}

export async function categoryIndex(db: Database, now = Date.now()): Promise<CategoryIndex> {
  const cached = cachedIndex(db, now);
  if (cached) return cached;
  const [read] = categoryReads(db, now);
  const [index] = await readTogether(db, [read!]);
  return index;
}

/** Call after changing categories, so the next request sees the change. */
export function forgetCategories(db: Database): void {
  cache.delete(db);
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/** Labels from the root down to the category, in the given language. */
export function categoryPath(index: CategoryIndex, id: string, language: Language): string[] {
  const path: string[] = [];
  for (
    let row = index.byId.get(id);
    row;
    row = row.parentId ? index.byId.get(row.parentId) : undefined
  ) {
    path.unshift(row.labels[language]);
    if (path.length > 32) break;
  }
  return path;
}

/** A leaf a customer may file a ticket under: active, typed, with every ancestor active. */
export function selectableLeaf(index: CategoryIndex, id: string): CategoryRow | null {
  const leaf = index.byId.get(id);
  if (!leaf?.type || index.childrenOf.has(leaf.id)) return null;
  for (
    let row: CategoryRow | undefined = leaf;
    row;
    row = row.parentId ? index.byId.get(row.parentId) : undefined
  ) {
    if (!row.active) return null;
  }
  return leaf;
}

/** The active tree as customers see it: labels in their language, no types. */
export function customerTree(index: CategoryIndex, language: Language): CategoryNode[] {
  const build = (parentId: string | null): CategoryNode[] =>
    (index.childrenOf.get(parentId) ?? [])
      .filter((row) => row.active)
      .map((row) => ({
        id: row.id,
        label: row.labels[language],
        help: row.help
          ? {
              text: row.help.text[language],
              links: row.help.links.map((link) => ({ label: link.label[language], url: link.url })),
            }
          : null,
        keywords: row.keywords?.[language] ?? [],
        children: build(row.id),
      }))
      .filter((node) => node.children.length > 0 || index.byId.get(node.id)?.type);
  return build(null);
}
