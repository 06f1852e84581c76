/**
 * @module
 * Creating customers, as the admin command (and later the desk API) does. There is no sign-up:
 * the company creates customers, with a password or without one (first access then goes
 * through the forgotten-password flow).
 */
import * as z from 'zod';
import { LANGUAGES } from '../contract/domain.ts';
import { hashPassword } from '../lib/password.ts';
import type { Database } from '../ports.ts';
import { customers } from './schema.ts';

export const newCustomerSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.trim().toLowerCase()),
  name: z.string().trim().min(1).max(120),
  organization: z.string().trim().max(120).optional(),
  language: z.enum(LANGUAGES).default('es'),
  password: z.string().min(8).max(256).optional(),
});

export type NewCustomer = z.input<typeof newCustomerSchema>;

export async function createCustomer(
  db: Database,
  input: NewCustomer,
  iterations: number,
  now: Date,
): Promise<typeof customers.$inferSelect> {
  const data = newCustomerSchema.parse(input);
  const [row] = await db
    .insert(customers)
    .values({
      id: crypto.randomUUID(),
      email: data.email,
      name: data.name,
      organization: data.organization || null,
      language: data.language,
      passwordHash: data.password ? await hashPassword(data.password, iterations) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
