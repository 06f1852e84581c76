/**
 * @module
 * The category tree as a company writes it (areas > services > problems or needs), with labels,
 * help and keywords in every language: the shape the admin command and the desk API accept.
 */
import * as z from 'zod/mini';
import { LANGUAGES, TICKET_TYPES, type CategoryHelpStored, type KeywordLists } from './domain.ts';

const trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

const inEveryLanguage = (max: number) =>
  z.strictObject(
    Object.fromEntries(LANGUAGES.map((language) => [language, trimmed(max)])) as Record<
      (typeof LANGUAGES)[number],
      z.ZodMiniString
    >,
  );

const labels = inEveryLanguage(120);

const helpSchema = z.strictObject({
  text: inEveryLanguage(600),
  links: z._default(
    z
      .array(
        z.strictObject({
          label: labels,
          url: z.url({ protocol: /^https$/ }).check(z.maxLength(2048)),
        }),
      )
      .check(z.maxLength(5)),
    [],
  ),
});

const keywordsSchema = z.strictObject(
  Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      z.optional(z.array(trimmed(60)).check(z.maxLength(30))),
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

export const categoryTreeSchema: z.ZodMiniType<CategoryInput[]> = z.array(
  z.lazy(() =>
    z
      .strictObject({
        id: z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)),
        labels,
        type: z.optional(z.enum(TICKET_TYPES)),
        active: z.optional(z.boolean()),
        help: z.optional(helpSchema),
        keywords: z.optional(keywordsSchema),
        children: z.optional(categoryTreeSchema),
      })
      .check(
        z.refine((node) => Boolean(node.type) !== Boolean(node.children?.length), {
          message: 'a leaf has a type and no children; a branch has children and no type',
        }),
      ),
  ),
);
