/**
 * @module
 * `categories:load <file.json>`: loads a category tree (see demo/categories.json) into the
 * database, adding new categories and updating existing ones in place.
 */
import { readFileSync } from 'node:fs';
import { categoryTreeSchema } from '../../../contract/category-tree.ts';
import { saveCategoryTree } from '../../db/category-tree.ts';
import { forgetCategories } from '../../domain/categories.ts';
import type { AdminCommand } from './command.ts';
import { options, required, UsageError } from './command.ts';

export const categoryCommands: Record<string, AdminCommand> = {
  'categories:load': {
    usage: '<file.json>',
    summary:
      'Load or update the category tree from a JSON file (labels in all six languages, optional help and keywords).',
    async run(args, { db }, out) {
      const { positionals } = options(args, {});
      const parsed = categoryTreeSchema.safeParse(
        JSON.parse(readFileSync(required(positionals[0], 'file'), 'utf8')),
      );
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
        );
        throw new UsageError(`The category file is not valid:\n${problems.join('\n')}`);
      }
      const saved = await saveCategoryTree(db, parsed.data);
      forgetCategories(db);
      out.log(`Saved ${saved} categories`);
    },
  },
};
