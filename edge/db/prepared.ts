/**
 * @module
 * Drizzle queries prepared once per runtime (per isolate on Workers): building a query's SQL
 * costs more than running it on the Node port (see BENCHMARKS.md), so the hot paths build theirs
 * once and bind values with `sql.placeholder`. Their SQL does not depend on the database, so
 * they are built against a database that never runs anything, and run through the database
 * the request was given, alone or together with others (`reads.ts`).
 * Their rows are mapped by a mapper made once per query (`row-mapping.ts`).
 *
 * Placeholder values are bound as they are, not through the column's encoder: pass dates and
 * booleans already encoded (`column.mapToDriverValue(value)`).
 */
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema.ts';
import type { Database } from '../ports.ts';
import { allRows, getRow, readOne, type PreparedLike, type Read } from './reads.ts';
import { withRowMapper } from './row-mapping.ts';

/** Only builds SQL: running through it is a bug, the request's database runs the queries. */
const builder = drizzle.mock({ schema }) as unknown as Database;

type RowOf<Q> = Q extends PreparedLike<infer Row> ? Row : never;

/** Each query built, and its `Prepared` per database (one per process, or per isolate on Workers). */
const built = new Map<string, { query: unknown; bound: WeakMap<Database, unknown> }>();

/** A prepared query bound to the database it runs on. */
export interface Prepared<Row> {
  all(values?: Record<string, unknown>): Promise<Row[]>;
  get(values?: Record<string, unknown>): Promise<Row | undefined>;
  /** The same, to run together with other reads (`readTogether`). */
  allRead(values?: Record<string, unknown>): Read<Row[]>;
  getRead(values?: Record<string, unknown>): Read<Row | undefined>;
}

/**
 * The query `build` makes, built on first use and kept under `key` for the runtime's life (the
 * same key must always build the same query), to run on `db`.
 */
export function preparedQuery<Q extends PreparedLike<unknown>>(
  db: Database,
  key: string,
  build: (db: Database) => Q,
): Prepared<RowOf<Q>> {
  let entry = built.get(key);
  if (entry === undefined) {
    entry = { query: withRowMapper(build(builder)), bound: new WeakMap() };
    built.set(key, entry);
  }
  // Kept, not made again on every call: the lists' and details' hot paths call this per query.
  const known = entry.bound.get(db) as Prepared<RowOf<Q>> | undefined;
  if (known) return known;
  const prepared = entry.query as PreparedLike<RowOf<Q>>;
  const bound: Prepared<RowOf<Q>> = {
    all: (values) => readOne(db, allRows(prepared, values)),
    get: (values) => readOne(db, getRow(prepared, values)),
    allRead: (values) => allRows(prepared, values),
    getRead: (values) => getRow(prepared, values),
  };
  entry.bound.set(db, bound);
  return bound;
}
