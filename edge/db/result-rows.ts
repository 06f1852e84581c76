/**
 * @module
 * Result sets shaped as `@libsql/client` shapes them, built from rows of plain values: drizzle
 * reads a row by index (`Array.prototype.slice.call(row)`), raw SQL readers by column name, and
 * only the names are enumerable. Shared by the clients of our own (the Node file's, libSQL over
 * HTTP), which decode values their own way and hand them here.
 */
import type { ResultSet, Row, Value } from '@libsql/core/api';
import { ROW_VALUES } from './row-mapping.ts';

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
  class ResultRow {
    readonly #values: Value[];
    constructor(values: Value[]) {
      this.#values = values;
      const self = this as unknown as Record<string, Value>;
      for (const { name, index } of named) self[name] = values[index]!;
    }
    /** All values at once, for the row mappers (`row-mapping.ts`); not one of the names. */
    get [ROW_VALUES](): Value[] {
      return this.#values;
    }
    static valueAt(row: ResultRow, index: number) {
      return row.#values[index];
    }
  }
  Object.defineProperty(ResultRow.prototype, 'length', { value: columns.length });
  columns.forEach((_, index) =>
    Object.defineProperty(ResultRow.prototype, index, {
      get(this: ResultRow) {
        return ResultRow.valueAt(this, index);
      },
    }),
  );
  return ResultRow as unknown as RowClass;
}

/** What a reading statement needs to turn value rows into a result set, made once per statement. */
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

class ValueResultSet implements ResultSet {
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

/** A result set of `values`, rows of decoded values in the shape's column order. */
export function resultSet(
  shape: RowShape,
  values: Value[][],
  rowsAffected = 0,
  lastInsertRowid?: bigint,
): ResultSet {
  const rows = new Array<Row>(values.length);
  for (let r = 0; r < values.length; r++) rows[r] = new shape.Row(values[r]!);
  return new ValueResultSet(shape.columns, shape.columnTypes, rows, rowsAffected, lastInsertRowid);
}

export function writeResult(
  changes: number,
  lastInsertRowid: number | bigint | undefined,
): ResultSet {
  return new ValueResultSet(
    [],
    [],
    [],
    changes,
    lastInsertRowid === undefined ? undefined : BigInt(lastInsertRowid),
  );
}
