/**
 * @module
 * Result sets shaped as `@libsql/client` shapes them, built from the synchronous `libsql`
 * driver's raw rows: drizzle reads a row by index (`Array.prototype.slice.call(row)`), raw SQL
 * readers by column name, and only the names are enumerable.
 */
import type { InValue, ResultSet, Row, Value } from '@libsql/client';

/** SQLite's integer range; a bigint outside it cannot be bound. */
const MIN_INTEGER = -(2n ** 63n);
const MAX_INTEGER = 2n ** 63n - 1n;

/** An argument as the driver binds it, converted as `@libsql/client` does (intMode "number"). */
export function toSqlValue(value: InValue): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) {
        throw new RangeError(
          'Only finite numbers (not Infinity or NaN) can be passed as arguments',
        );
      }
      return value;
    case 'bigint':
      if (value < MIN_INTEGER || value > MAX_INTEGER) {
        throw new RangeError('bigint is too large to be represented as a 64-bit integer');
      }
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  return value;
}

/**
 * A value read with safe integers on, as intMode "number" gives it: integers as numbers (an
 * integer a number cannot hold exactly is an error, never silently rounded), blobs as
 * ArrayBuffers.
 */
function fromSqlValue(value: unknown): Value {
  if (typeof value === 'bigint') {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(
        'Received integer which cannot be safely represented as a JavaScript number',
      );
    }
    return Number(value);
  }
  if (value instanceof Uint8Array) {
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  }
  return value as Value;
}

type RowClass = new (values: Value[]) => Row;

/**
 * A class of rows for one statement's columns: each name an own enumerable property (the first
 * of duplicate names wins, as in `@libsql/client`), indices and `length` on the prototype.
 * Defining the indices once per statement instead of once per value is what makes it cheap.
 */
function rowClass(columns: string[]): RowClass {
  const named = columns
    .map((name, index) => ({ name, index }))
    .filter(
      ({ name }, at, all) =>
        name !== 'length' && !/^\d+$/.test(name) && all.findIndex((c) => c.name === name) === at,
    );
  class SqliteRow {
    readonly #values: Value[];
    constructor(values: Value[]) {
      this.#values = values;
      const self = this as unknown as Record<string, Value>;
      for (const { name, index } of named) self[name] = values[index]!;
    }
    static valueAt(row: SqliteRow, index: number) {
      return row.#values[index];
    }
  }
  Object.defineProperty(SqliteRow.prototype, 'length', { value: columns.length });
  columns.forEach((_, index) =>
    Object.defineProperty(SqliteRow.prototype, index, {
      get(this: SqliteRow) {
        return SqliteRow.valueAt(this, index);
      },
    }),
  );
  return SqliteRow as unknown as RowClass;
}

/** What a reading statement needs to turn raw rows into a result set, made once per statement. */
export interface RowShape {
  columns: string[];
  columnTypes: string[];
  Row: RowClass;
}

export function rowShape(columns: { name: string; type: string | null }[]): RowShape {
  const names = columns.map((column) => column.name);
  return {
    columns: names,
    columnTypes: columns.map((column) => column.type ?? ''),
    Row: rowClass(names),
  };
}

class SqliteResultSet implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}
  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) =>
        Array.prototype.map.call(row, (value) =>
          typeof value === 'bigint' ? String(value) : value,
        ),
      ),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : String(this.lastInsertRowid),
    };
  }
}

export function readResult(shape: RowShape, raw: unknown[][]): ResultSet {
  const rows = new Array<Row>(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const values = raw[r]!;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value === 'bigint' || typeof value === 'object') values[i] = fromSqlValue(value);
    }
    rows[r] = new shape.Row(values as Value[]);
  }
  return new SqliteResultSet(shape.columns, shape.columnTypes, rows, 0, undefined);
}

export function writeResult(changes: number, lastInsertRowid: number | bigint): ResultSet {
  return new SqliteResultSet([], [], [], changes, BigInt(lastInsertRowid));
}
