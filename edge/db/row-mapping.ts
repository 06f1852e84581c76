/**
 * @module
 * Rows of a prepared query mapped as drizzle maps them, through a mapper made once per query.
 * drizzle's own `mapResultRow` works out each column's decoder and path again for every value
 * (`is` walks prototype chains, paths are iterated) and copies every row first: on a page of
 * tickets it cost more than SQLite reading the page (see BENCHMARKS.md, figure 3).
 *
 * Only queries whose rows drizzle never nulls are mapped here: no left or right join (a joined
 * table of nulls becomes `null` in drizzle), no relational query's own mapper; and a row holding
 * a blob goes to drizzle as it is (it turns `ArrayBuffer`s into `Buffer`s). Everything else keeps
 * drizzle's mapping.
 */
import { Column, is, SQL, Subquery } from 'drizzle-orm';
import type { PreparedLike } from './reads.ts';

/**
 * Where a client's row may keep its values as an array (our own clients' rows do, see
 * `result-rows.ts`): read by index there, not through the row's index properties, which cost
 * more than the mapping itself.
 */
export const ROW_VALUES = Symbol.for('support-portal.row-values');

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** What drizzle keeps on its prepared queries to map their rows. */
interface SelectFields {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: unknown;
}

/** drizzle's SQL and its aliases keep their decoder internal. */
type WithDecoder = { decoder: Decoder };

/** The decoder drizzle's `mapResultRow` picks for a selected field. */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as WithDecoder).decoder;
  if (is(field, Subquery)) return (field._ as unknown as { sql: WithDecoder }).sql.decoder;
  return (field as { sql: WithDecoder }).sql.decoder;
}

type RowMapper = (row: ArrayLike<unknown>) => Record<string, unknown> | undefined;

/** A mapper for `query`'s rows, or null when drizzle must map them (see the module's notes). */
function rowMapper(query: SelectFields): RowMapper | null {
  const { fields, joinsNotNullableMap, customResultMapper } = query;
  if (!fields || customResultMapper) return null;
  if (joinsNotNullableMap && Object.values(joinsNotNullableMap).some((notNull) => !notNull))
    return null;
  const columns = fields.map(({ path, field }) => ({ path, decoder: decoderOf(field) }));
  return (row) => {
    const values = (row as { [ROW_VALUES]?: ArrayLike<unknown> })[ROW_VALUES] ?? row;
    const result: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const raw = values[i];
      if (typeof raw === 'object' && raw !== null) return undefined;
      const { path, decoder } = columns[i]!;
      let node = result;
      for (let depth = 0; depth < path.length - 1; depth++) {
        node = (node[path[depth]!] ??= {}) as Record<string, unknown>;
      }
      node[path[path.length - 1]!] = raw === null ? null : decoder.mapFromDriverValue(raw);
    }
    return result;
  };
}

/** `query` with its rows mapped by a mapper made once, when drizzle's mapping is not needed. */
export function withRowMapper<Q extends PreparedLike<unknown>>(query: Q): Q {
  const map = rowMapper(query as SelectFields);
  if (!map) return query;
  const drizzleGet = query.mapGetResult.bind(query);
  const one = (row: ArrayLike<unknown>) => map(row) ?? drizzleGet([row]);
  // drizzle's own batch passes whole result sets (`isFromBatch`).
  const rowsOf = (rows: unknown, isFromBatch?: boolean) =>
    (isFromBatch ? (rows as { rows: unknown }).rows : rows) as ArrayLike<unknown>[];
  return Object.assign(query, {
    mapAllResult: (rows: unknown, isFromBatch?: boolean) => rowsOf(rows, isFromBatch).map(one),
    mapGetResult: (rows: unknown, isFromBatch?: boolean) => {
      const first = rowsOf(rows, isFromBatch)[0];
      return first ? one(first) : undefined;
    },
  });
}
