/**
 * @module
 * Customers as the desk manages them: read, update, deactivate, reactivate. Deactivating and
 * changing the e-mail raise the token version, so every session and set-password link of the
 * old identity ends (a link mailed to the old address must not take over the account). E-mail
 * addresses stay unique (case-insensitively, as `createCustomer` stores them).
 */
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { DeskCustomerPatch } from '../../contract/desk-schemas.ts';
import type { DeskCustomer } from '../../contract/desk-types.ts';
import type { NewCustomer } from '../../contract/customer-schema.ts';
import { createCustomer } from '../db/customers.ts';
import { customers, type CustomerRow } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';

export function toDeskCustomer(row: CustomerRow): DeskCustomer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organization: row.organization,
    language: row.language,
    organizationManager: row.organizationManager,
    active: row.active,
    hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function emailTaken(db: Database, email: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.email, email), exceptId ? ne(customers.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed: customers\.email/.test(String((error as Error)?.message));
}

/** A second customer with the same e-mail is refused on the field, as a form would show it. */
const EMAIL_TAKEN = () => new ApiError('validation_failed', { email: 'not_allowed' });

export async function createDeskCustomer(
  db: Database,
  input: NewCustomer,
  iterations: number,
  now: Date,
): Promise<CustomerRow> {
  if (await emailTaken(db, input.email.trim().toLowerCase())) throw EMAIL_TAKEN();
  try {
    return await createCustomer(db, input, iterations, now);
  } catch (error) {
    throw isUniqueViolation(error) ? EMAIL_TAKEN() : error;
  }
}

export async function getDeskCustomer(db: Database, id: string): Promise<CustomerRow> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  if (!row) throw new ApiError('not_found');
  return row;
}

export async function listDeskCustomers(
  db: Database,
  filter: { email?: string; organization?: string; cursor?: string; limit: number },
): Promise<{ items: DeskCustomer[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(customers)
    .where(
      and(
        filter.email ? eq(customers.email, filter.email.trim().toLowerCase()) : undefined,
        filter.organization ? eq(customers.organization, filter.organization) : undefined,
        filter.cursor ? gt(customers.email, filter.cursor) : undefined,
      ),
    )
    .orderBy(asc(customers.email))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map(toDeskCustomer),
    nextCursor: rows.length > filter.limit ? page.at(-1)!.email : null,
  };
}

export async function updateDeskCustomer(
  db: Database,
  id: string,
  patch: DeskCustomerPatch,
  now: Date,
): Promise<CustomerRow> {
  const current = await getDeskCustomer(db, id);
  const organization = patch.organization === undefined ? current.organization : patch.organization;
  const manager = patch.organizationManager ?? current.organizationManager;
  // A manager sees the tickets of an organization: without one there is nothing to manage.
  if (manager && !organization) {
    throw new ApiError('validation_failed', {
      [patch.organizationManager ? 'organizationManager' : 'organization']: 'not_allowed',
    });
  }
  if (patch.email && (await emailTaken(db, patch.email, id))) throw EMAIL_TAKEN();
  const newEmail = patch.email !== undefined && patch.email !== current.email;
  try {
    const [row] = await db
      .update(customers)
      .set({
        ...patch,
        ...(newEmail && { tokenVersion: sql`${customers.tokenVersion} + 1` }),
        updatedAt: now,
      })
      .where(eq(customers.id, id))
      .returning();
    return row!;
  } catch (error) {
    throw isUniqueViolation(error) ? EMAIL_TAKEN() : error;
  }
}

/** Deactivates the customer and ends every session; doing it again changes nothing more. */
export async function deactivateDeskCustomer(
  db: Database,
  id: string,
  now: Date,
): Promise<CustomerRow> {
  const [row] = await db
    .update(customers)
    .set({ active: false, tokenVersion: sql`${customers.tokenVersion} + 1`, updatedAt: now })
    .where(and(eq(customers.id, id), eq(customers.active, true)))
    .returning();
  return row ?? getDeskCustomer(db, id);
}

/**
 * Lets a deactivated customer log in again. The sessions deactivation ended stay ended (their
 * token version is gone); doing it again changes nothing more.
 */
export async function reactivateDeskCustomer(
  db: Database,
  id: string,
  now: Date,
): Promise<CustomerRow> {
  const [row] = await db
    .update(customers)
    .set({ active: true, updatedAt: now })
    .where(and(eq(customers.id, id), eq(customers.active, false)))
    .returning();
  return row ?? getDeskCustomer(db, id);
}
