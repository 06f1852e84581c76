/**
 * @module
 * Loading a category tree (areas > services > problems or needs) into the database, as the admin
 * command does from a JSON file. Existing categories are updated in place, never deleted, so
 * the tickets filed under them keep their category.
 */
import type { CategoryInput } from '../../contract/category-tree.ts';
import type { Database } from '../ports.ts';
import { categories } from './schema.ts';

/** Inserts or updates every category of the tree in one transaction; returns how many. */
export async function saveCategoryTree(db: Database, tree: CategoryInput[]): Promise<number> {
  const rows: (typeof categories.$inferInsert)[] = [];
  const walk = (nodes: CategoryInput[], parentId: string | null) =>
    nodes.forEach((node, sortOrder) => {
      rows.push({
        id: node.id,
        parentId,
        sortOrder,
        labels: node.labels,
        type: node.type ?? null,
        active: node.active ?? true,
        help: node.help ?? null,
        keywords: node.keywords ?? null,
      });
      walk(node.children ?? [], node.id);
    });
  walk(tree, null);
  if (rows.length === 0) return 0;
  const [first, ...rest] = rows.map((row) =>
    db
      .insert(categories)
      .values(row)
      .onConflictDoUpdate({
        target: categories.id,
        set: {
          parentId: row.parentId,
          sortOrder: row.sortOrder,
          labels: row.labels,
          type: row.type,
          active: row.active,
          help: row.help,
          keywords: row.keywords,
        },
      }),
  );
  await db.batch([first!, ...rest]);
  return rows.length;
}
