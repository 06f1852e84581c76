/**
 * @module
 * Creating customers, as the admin command (and later the desk API) does. There is no sign-up:
 * the company creates customers, with a password or without one (first access then goes
 * through the forgotten-password flow).
 */
import { newCustomerSchema, type NewCustomer } from '../../contract/customer-schema.ts';
import { hashPassword } from '../lib/password.ts';
import type { Database } from '../ports.ts';
import { customers } from './schema.ts';

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
