/**
 * @module
 * Applies the SQL migrations in `migrations/` with drizzle's migrator; applied ones are recorded
 * in the database, so running it again changes nothing. Node only (it reads the folder).
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from '../ports.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export function applyMigrations(db: Database): Promise<void> {
  return migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
