/**
 * @module
 * Values between JavaScript and the synchronous `libsql` driver, converted as `@libsql/client`
 * converts them, and the driver's raw rows as result sets (`db/result-rows.ts`).
 */
import type { InValue, ResultSet, Value } from '@libsql/client';
import { resultSet, type RowShape } from '../db/result-rows.ts';

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

/** The driver's raw rows (safe integers on) as a result set, their values converted in place. */
export function readResult(shape: RowShape, raw: unknown[][]): ResultSet {
  for (const values of raw) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value === 'bigint' || typeof value === 'object') values[i] = fromSqlValue(value);
    }
  }
  return resultSet(shape, raw as Value[][]);
}
