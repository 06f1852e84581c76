/**
 * @module
 * A customer as the API shows them to themselves: the profile fields, never the password hash
 * or token version.
 */
import type { Customer } from '../../contract/types.ts';
import type { CustomerRow } from '../db/schema.ts';

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organization: row.organization,
    language: row.language,
    notifications: row.notifications,
    organizationManager: row.organizationManager,
    hasPassword: row.passwordHash !== null,
  };
}
