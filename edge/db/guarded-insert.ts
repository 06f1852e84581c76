/**
 * @module
 * `INSERT ... SELECT ... WHERE <guard>`: an insert that takes effect only if a condition holds
 * when it runs, so that the writes of one batch can depend on its first update having applied.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../ports.ts';

export function guardedInsert<T extends SQLiteTable>(
  db: Database,
  table: T,
  values: Partial<T['$inferInsert']>,
  guard: SQL,
) {
  const columns = getTableColumns(table);
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  const names = entries.map(([key]) => sql.identifier(columns[key]!.name));
  const params = entries.map(([key, value]) => sql`${columns[key]!.mapToDriverValue(value)}`);
  return db.run(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(params, sql`, `)} where ${guard}`,
  );
}
