/**
 * @module
 * The category tree as a company writes it (areas > services > problems or needs), with labels,
 * help and keywords in every language: the shape the admin command and the desk API accept.
 */
import * as z from 'zod';
import { LANGUAGES, TICKET_TYPES, type CategoryHelpStored, type KeywordLists } from './domain.ts';

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
