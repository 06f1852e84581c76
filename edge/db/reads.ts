/**
 * @module
 * Several reads sent to the database together: one HTTP request to a libSQL server (Workers,
 * Deno) instead of one per statement, one transaction on the Node port's file. A read is a
 * drizzle prepared query with its values and how its rows are mapped (`getRow`, `allRows`).
 */
import type { InArgs, InStatement, ResultSet } from '@libsql/client';
import { fillPlaceholders, type Logger } from 'drizzle-orm';
import type { Database } from '../ports.ts';

/** Statements to send, and what their rows (one set per statement, in order) make. */
export interface Read<T> {
  statements: InStatement[];
  result(rows: ResultSet['rows'][]): T;
}

/** One read made of several: their statements together, `make` given their results. */
export function combined<const R extends readonly Read<unknown>[], T>(
  reads: R,
  make: (...results: Results<R>) => T,
): Read<T> {
  return {
    statements: reads.flatMap((read) => read.statements),
    result: (rows) => {
      let at = 0;
      const results = reads.map((read) =>
        read.result(rows.slice(at, (at += read.statements.length))),
      );
      return make(...(results as Results<R>));
    },
  };
}

/** A read whose result is made from another's. */
export function mapped<A, T>(read: Read<A>, make: (result: A) => T): Read<T> {
  return { statements: read.statements, result: (rows) => make(read.result(rows)) };
}

/** What this module needs of a drizzle prepared query. */
export interface PreparedLike<Row> {
  getQuery(): { sql: string; params: unknown[] };
  mapAllResult(rows: unknown): unknown;
  mapGetResult(rows: unknown): unknown;
  all(values?: Record<string, unknown>): Promise<Row[]>;
}

function statementOf(query: PreparedLike<unknown>, values: Record<string, unknown>): InStatement {
  const { sql, params } = query.getQuery();
  return { sql, args: fillPlaceholders(params, values) as InArgs };
}

/** The first row, mapped as drizzle's `.get()` maps it, or undefined. */
export function getRow<Row>(
  query: PreparedLike<Row>,
  values: Record<string, unknown> = {},
): Read<Row | undefined> {
  return {
    statements: [statementOf(query, values)],
    result: ([rows]) => query.mapGetResult(rows) as Row | undefined,
  };
}

/** Every row, mapped as drizzle's `.all()` maps them. */
export function allRows<Row>(
  query: PreparedLike<Row>,
  values: Record<string, unknown> = {},
): Read<Row[]> {
  return {
    statements: [statementOf(query, values)],
    result: ([rows]) => query.mapAllResult(rows) as Row[],
  };
}

export type Results<R extends readonly Read<unknown>[]> = {
  -readonly [K in keyof R]: R[K] extends Read<infer T> ? T : never;
};

/** drizzle's logger of `db`, if one was given (the scale benchmark records statements). */
function loggerOf(db: Database): Logger | undefined {
  return (db as unknown as { session?: { logger?: Logger } }).session?.logger;
}

/**
 * Runs the reads in one round trip, in one read transaction when there are several, so that
 * they see the same state of the database; results in the reads' order.
 */
export async function readTogether<const R extends readonly Read<unknown>[]>(
  db: Database,
  reads: R,
): Promise<Results<R>> {
  const statements = reads.flatMap((read) => read.statements);
  const logger = loggerOf(db);
  for (const statement of statements)
    if (typeof statement === 'object') logger?.logQuery(statement.sql, statement.args as unknown[]);
  let rows: ResultSet['rows'][];
  if (statements.length === 0) rows = [];
  else if (statements.length === 1) rows = [(await db.$client.execute(statements[0]!)).rows];
  else rows = (await db.$client.batch(statements, 'read')).map((result) => result.rows);
  let at = 0;
  return reads.map((read) =>
    read.result(rows.slice(at, (at += read.statements.length))),
  ) as Results<R>;
}

/** A write drizzle can batch: an insert, update or delete builder, or `db.run(sql)`. */
export type Write = Parameters<Database['batch']>[0][number];

/** What this module needs of a write: the query drizzle's own batch builds from it. */
interface PreparableWrite {
  _prepare(): { getQuery(): { sql: string; params: unknown[] } };
}

/**
 * Runs the writes, then the reads, in one write transaction: one round trip. The reads see
 * what the writes did (the answer of a write is read in the same request that makes it).
 * Returns each write's result (`rowsAffected`, rows of `returning`), then the reads' results.
 */
export async function writeThenRead<const R extends readonly Read<unknown>[]>(
  db: Database,
  writes: readonly Write[],
  reads: R,
): Promise<[ResultSet[], ...Results<R>]> {
  const written: InStatement[] = writes.map((write) => {
    const { sql, params } = (write as unknown as PreparableWrite)._prepare().getQuery();
    return { sql, args: params as InArgs };
  });
  const statements = [...written, ...reads.flatMap((read) => read.statements)];
  const logger = loggerOf(db);
  for (const statement of statements)
    if (typeof statement === 'object') logger?.logQuery(statement.sql, statement.args as unknown[]);
  const results = await db.$client.batch(statements, 'write');
  const rows = results.slice(written.length).map((result) => result.rows);
  let at = 0;
  const read = reads.map((one) => one.result(rows.slice(at, (at += one.statements.length))));
  return [results.slice(0, written.length), ...(read as Results<R>)];
}

/** One read on its own. */
export async function readOne<T>(db: Database, read: Read<T>): Promise<T> {
  const [result] = await readTogether(db, [read] as const);
  return result;
}
