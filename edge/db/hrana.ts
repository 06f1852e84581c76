/**
 * @module
 * libSQL's HTTP protocol (Hrana 2 over HTTP, JSON), the part `db/libsql-http-client.ts` speaks:
 * its messages, and values and results converted as `@libsql/client` converts them (intMode
 * "number": integers as numbers, an integer a number cannot hold exactly is an error).
 */
import {
  LibsqlBatchError,
  LibsqlError,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Value,
} from '@libsql/core/api';
import { resultSet, rowShape, writeResult, type RowShape } from './result-rows.ts';

export type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

export interface HranaStmt {
  /** The text, or `sql_id` when the stream stores it (`store_sql`). */
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows: boolean;
}

export interface HranaError {
  message: string;
  code?: string | null;
}

export interface StmtResult {
  cols: { name: string | null; decltype?: string | null }[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid?: string | null;
}

export type BatchCondition = { type: 'ok'; step: number } | { type: 'not'; cond: BatchCondition };

export interface BatchStep {
  condition?: BatchCondition;
  stmt: HranaStmt;
}

export type Request =
  | { type: 'execute'; stmt: HranaStmt }
  | { type: 'batch'; batch: { steps: BatchStep[] } }
  | { type: 'sequence'; sql: string }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close' };

export type PipelineResult =
  | {
      type: 'ok';
      response:
        | { type: 'execute'; result: StmtResult }
        | {
            type: 'batch';
            result: { step_results: (StmtResult | null)[]; step_errors: (HranaError | null)[] };
          }
        | { type: 'sequence' | 'store_sql' | 'close' };
    }
  | { type: 'error'; error: HranaError };

const MIN_INTEGER = -(2n ** 63n);
const MAX_INTEGER = 2n ** 63n - 1n;

/** An argument as Hrana carries it, converted as `@libsql/client` converts it. */
export function encode(value: InValue): HranaValue {
  if (value === null) return { type: 'null' };
  switch (typeof value) {
    case 'string':
      return { type: 'text', value };
    case 'number':
      if (!Number.isFinite(value))
        throw new RangeError(
          'Only finite numbers (not Infinity or NaN) can be passed as arguments',
        );
      return { type: 'float', value };
    case 'bigint':
      if (value < MIN_INTEGER || value > MAX_INTEGER)
        throw new RangeError('bigint is too large to be represented as a 64-bit integer');
      return { type: 'integer', value: String(value) };
    case 'boolean':
      return { type: 'integer', value: value ? '1' : '0' };
  }
  if (value instanceof Date) return { type: 'float', value: value.valueOf() };
  if (value instanceof ArrayBuffer || value instanceof Uint8Array) {
    const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return { type: 'blob', base64: btoa(binary) };
  }
  throw new TypeError('Unsupported type of value');
}

/** A value as intMode "number" gives it: an integer a number cannot hold exactly is an error. */
function decode(value: HranaValue): Value {
  switch (value.type) {
    case 'null':
      return null;
    case 'text':
    case 'float':
      return value.value;
    case 'integer': {
      const number = Number(value.value);
      if (!Number.isSafeInteger(number))
        throw new RangeError(
          'Received integer which cannot be safely represented as a JavaScript number',
        );
      return number;
    }
    case 'blob': {
      const binary = atob(value.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes.buffer;
    }
  }
}

export function stmtOf(stmt: InStatement | [string, InArgs?], wantRows = true): HranaStmt {
  const [sql, args] =
    typeof stmt === 'string'
      ? [stmt, undefined]
      : Array.isArray(stmt)
        ? stmt
        : [stmt.sql, stmt.args];
  if (args === undefined || Array.isArray(args))
    return { sql, args: (args ?? []).map(encode), want_rows: wantRows };
  return {
    sql,
    named_args: Object.entries(args).map(([name, value]) => ({ name, value: encode(value) })),
    want_rows: wantRows,
  };
}

/** Row classes by column list: statements are few and fixed, so the isolate keeps them. */
const shapes = new Map<string, RowShape>();
const MAX_SHAPES = 500;

function shapeOf(cols: StmtResult['cols']): RowShape {
  const key = cols.map((col) => `${col.name}\u0000${col.decltype ?? ''}`).join('\u0001');
  let shape = shapes.get(key);
  if (!shape) {
    if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
    shape = rowShape(cols.map((col) => ({ name: col.name ?? '', type: col.decltype ?? null })));
    shapes.set(key, shape);
  }
  return shape;
}

export function resultOf(result: StmtResult): ResultSet {
  const lastInsertRowid =
    result.last_insert_rowid == null ? undefined : BigInt(result.last_insert_rowid);
  if (result.cols.length === 0) return writeResult(result.affected_row_count, lastInsertRowid);
  const values = result.rows.map((row) => row.map(decode));
  return resultSet(shapeOf(result.cols), values, result.affected_row_count, lastInsertRowid);
}

export function errorOf(error: HranaError, statementIndex?: number): LibsqlError {
  const code = error.code ?? 'UNKNOWN';
  return statementIndex === undefined
    ? new LibsqlError(error.message, code)
    : new LibsqlBatchError(error.message, statementIndex, code);
}
