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

const prepared = new WeakMap<Database, Map<(db: Database) => unknown, unknown>>();

/** The query `build` makes for `db`, made on first use. `build` must be a module-level function. */
export function preparedQuery<T>(db: Database, build: (db: Database) => T): T {
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = new Map()));
  let query = queries.get(build) as T | undefined;
  if (query === undefined) queries.set(build, (query = build(db)));
  return query;
}
