/**
 * @module
 * Drizzle queries prepared once per database: building a query's SQL costs more than running
 * it on the Node port (see BENCHMARKS.md), so the hot paths build theirs once and bind values
 * with `sql.placeholder`. A prepared query belongs to the database it was made from; on Workers
 * the ports (and so the database) are made per request, where this just prepares per request.
 *
 * Placeholder values are bound as they are, not through the column's encoder: pass dates and
 * booleans already encoded (`column.mapToDriverValue(value)`).
 */
import type { Database } from '../ports.ts';

const prepared = new WeakMap<Database, Map<string, unknown>>();

/**
 * The query `build` makes for `db`, made on first use and kept under `key`: one key per
 * query shape (the same key must always build the same query).
 */
export function preparedQuery<T>(db: Database, key: string, build: (db: Database) => T): T {
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = new Map()));
  let query = queries.get(key) as T | undefined;
  if (query === undefined) queries.set(key, (query = build(db)));
  return query;
}
