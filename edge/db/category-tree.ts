/**
 * @module
 * Loading a category tree (areas > services > problems or needs) into the database, as the admin
 * command does from a JSON file. Existing categories are updated in place, never deleted, so
 * the tickets filed under them keep their category.
 */
import * as z from 'zod';
import {
  LANGUAGES,
  TICKET_TYPES,
  type CategoryHelpStored,
  type KeywordLists,
} from '../contract/domain.ts';
import type { Database } from '../ports.ts';
import { categories } from './schema.ts';

/** A text in every one of the six languages. */
const inEveryLanguage = (max: number) =>
  z.strictObject(
    Object.fromEntries(
      LANGUAGES.map((language) => [language, z.string().trim().min(1).max(max)]),
    ) as Record<(typeof LANGUAGES)[number], z.ZodString>,
  );

const labels = inEveryLanguage(120);

/** Shown to customers as a link that opens in a new tab: https only, so never `javascript:`. */
const helpSchema = z.strictObject({
  text: inEveryLanguage(600),
  links: z
    .array(z.strictObject({ label: labels, url: z.url({ protocol: /^https$/ }).max(2048) }))
    .max(5)
    .default([]),
});

/** Per language, a few words or phrases the filter also matches; any language may be left out. */
const keywordsSchema = z.strictObject(
  Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      z.array(z.string().trim().min(1).max(60)).max(30).optional(),
    ]),
  ),
);

export interface CategoryInput {
  id: string;
  labels: z.infer<typeof labels>;
  type?: (typeof TICKET_TYPES)[number];
  active?: boolean;
  help?: CategoryHelpStored;
  keywords?: KeywordLists;
  children?: CategoryInput[];
}

export const categoryTreeSchema: z.ZodType<CategoryInput[]> = z.array(
  z.lazy(() =>
    z
      .strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
        labels,
        type: z.enum(TICKET_TYPES).optional(),
        active: z.boolean().optional(),
        help: helpSchema.optional(),
        keywords: keywordsSchema.optional(),
        children: categoryTreeSchema.optional(),
      })
      .refine((node) => Boolean(node.type) !== Boolean(node.children?.length), {
        message: 'a leaf has a type and no children; a branch has children and no type',
      }),
  ),
);

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
