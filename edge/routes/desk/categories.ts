/**
 * @module
 * The desk manages the category tree: read all of it (inactive categories, labels in every
 * language and the hidden type included), and insert or update categories from a tree sent from
 * its roots. Categories left out are kept as they are (tickets refer to them): `active: false`
 * hides one from customers.
 */
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import { deskCategoriesBody } from '../../../contract/desk-schemas.ts';
import type { DeskCategory } from '../../../contract/desk-types.ts';
import { saveCategoryTree } from '../../db/category-tree.ts';
import { categoryIndex, forgetCategories, type CategoryIndex } from '../../domain/categories.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';

function deskTree(index: CategoryIndex, parentId: string | null = null): DeskCategory[] {
  return (index.childrenOf.get(parentId) ?? []).map((row) => ({
    id: row.id,
    labels: row.labels,
    type: row.type,
    active: row.active,
    help: row.help ?? null,
    keywords: row.keywords ?? {},
    children: deskTree(index, row.id),
  }));
}

export const deskCategoryRoutes = new Hono<DeskEnv>()
  .get(DESK_ROUTES.categories, requireDeskKey, async (c) =>
    c.json(deskTree(await categoryIndex(c.var.ports.db))),
  )
  .post(DESK_ROUTES.categories, requireDeskKey, validate('json', deskCategoriesBody), async (c) => {
    const { db } = c.var.ports;
    await saveCategoryTree(db, c.req.valid('json').categories);
    forgetCategories(db);
    return c.json(deskTree(await categoryIndex(db)));
  });
