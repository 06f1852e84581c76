/**
 * @module
 * The `@libsql/client` `Client` drizzle's libsql driver calls, over the synchronous `libsql`
 * driver on a local file, for the embedded default. `@libsql/client` prepares every statement
 * again on each call and builds each row value by value; here statements are prepared once and
 * kept, rows come back raw, and the file is in WAL mode with `synchronous = NORMAL` (a commit
 * does not wait for the disk; a power cut may lose the last commits, never corrupt the file).
 *
 * One connection serves the process: Node runs one query at a time anyway, and each call runs
 * to its end without yielding, so a batch is one transaction nothing interleaves with. An
 * interactive transaction holds the connection: other calls wait until it commits or rolls
 * back. Other processes on the same file (the admin command, tests) take turns through SQLite's
 * busy timeout, which blocks this process while it waits.
 */
import Database from 'libsql';
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type Replicated,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { rowShape, writeResult, type RowShape } from '../db/result-rows.ts';
import { readResult, toSqlValue } from './sqlite-rows.ts';

type Statement = ReturnType<Database.Database['prepare']>;

interface Prepared {
  statement: Statement;
  /** Set for statements that return rows (SELECT, RETURNING, some PRAGMAs). */
  shape: RowShape | null;
}

/** Distinct statements kept prepared; past this, the oldest is dropped (and prepared again if used). */
const MAX_PREPARED = 500;

/** Statements that change the schema: kept statements may then name columns that changed. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

export interface SqliteFileOptions {
  /** How long a write waits for another process's write to finish. */
  busyTimeoutMs: number;
}

/** A base code (SQLITE_CONSTRAINT) as `@libsql/client` reports it, with the extended one kept. */
function libsqlError(error: unknown, statementIndex?: number): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { message, code, rawCode } = error as Error & { code: string; rawCode?: number };
  const base = code.replace(/^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/, '$1');
  return statementIndex === undefined
    ? new LibsqlError(message, base, code, rawCode, error)
    : new LibsqlBatchError(message, statementIndex, base, code, rawCode, error);
}

function statementOf(stmt: InStatement | [string, InArgs?]): { sql: string; args: InArgs } {
  if (typeof stmt === 'string') return { sql: stmt, args: [] };
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] ?? [] };
  return { sql: stmt.sql, args: stmt.args ?? [] };
}

function bindable(args: InArgs): unknown[] | Record<string, unknown> {
  if (Array.isArray(args)) return args.map(toSqlValue);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSqlValue(value);
  }
  return named;
}

function beginFor(mode: TransactionMode): string {
  return mode === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE';
}

/** The connection and its prepared statements. */
class Connection {
  #db: Database.Database;
  #prepared = new Map<string, Prepared>();

  constructor(
    readonly path: string,
    options: SqliteFileOptions,
  ) {
    this.#db = new Database(path, { timeout: options.busyTimeoutMs });
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = NORMAL');
  }

  get inTransaction(): boolean {
    return this.#db.open && this.#db.inTransaction;
  }

  #prepare(sql: string): Prepared {
    const known = this.#prepared.get(sql);
    if (known) return known;
    const statement = this.#db.prepare(sql);
    const shape = statement.reader ? rowShape(statement.columns()) : null;
    if (shape) statement.raw(true).safeIntegers(true);
    if (this.#prepared.size >= MAX_PREPARED) {
      this.#prepared.delete(this.#prepared.keys().next().value!);
    }
    const prepared = { statement, shape };
    this.#prepared.set(sql, prepared);
    return prepared;
  }

  execute(stmt: InStatement | [string, InArgs?], statementIndex?: number): ResultSet {
    const { sql, args } = statementOf(stmt);
    try {
      const { statement, shape } = this.#prepare(sql);
      const bound = bindable(args);
      if (shape) return readResult(shape, statement.all(bound) as unknown[][]);
      const info = statement.run(bound);
      if (SCHEMA_CHANGE.test(sql)) this.#prepared.clear();
      return writeResult(info.changes, info.lastInsertRowid);
    } catch (error) {
      throw libsqlError(error, statementIndex);
    }
  }

  executeMultiple(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch (error) {
      throw libsqlError(error);
    } finally {
      this.#prepared.clear();
    }
  }

  /** Runs statements in one transaction: all of them or none. */
  inTransactionOf(begin: string, stmts: (InStatement | [string, InArgs?])[]): ResultSet[] {
    this.execute(begin);
    try {
      const results = stmts.map((stmt, index) => this.execute(stmt, index));
      this.execute('COMMIT');
      return results;
    } finally {
      this.rollbackIfOpen();
    }
  }

  rollbackIfOpen(): void {
    if (this.inTransaction) this.execute('ROLLBACK');
  }

  close(): void {
    this.#prepared.clear();
    if (this.#db.open) this.#db.close();
  }
}

class SqliteFileClient implements Client {
  #connection: Connection;
  /** Settles when the open interactive transaction ends; null when none is open. */
  #held: Promise<void> | null = null;
  closed = false;
  readonly protocol = 'file';

  constructor(
    readonly path: string,
    readonly options: SqliteFileOptions,
  ) {
    this.#connection = new Connection(path, options);
  }

  /** Waits while an interactive transaction holds the connection. */
  async #turn(): Promise<Connection> {
    while (this.#held) await this.#held;
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    return this.#connection;
  }

  async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    const connection = await this.#turn();
    return connection.execute(
      typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql,
    );
  }

  async batch(
    stmts: (InStatement | [string, InArgs?])[],
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    return (await this.#turn()).inTransactionOf(beginFor(mode), stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = await this.#turn();
    connection.execute('PRAGMA foreign_keys = off');
    try {
      return connection.inTransactionOf('BEGIN IMMEDIATE', stmts);
    } finally {
      connection.execute('PRAGMA foreign_keys = on');
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    const connection = await this.#turn();
    try {
      connection.executeMultiple(sql);
    } finally {
      connection.rollbackIfOpen();
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const connection = await this.#turn();
    connection.execute(beginFor(mode));
    let release!: () => void;
    this.#held = new Promise((resolve) => (release = resolve));
    return new SqliteTransaction(connection, () => {
      this.#held = null;
      release();
    });
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('A local file has no remote to sync with', 'SYNC_NOT_SUPPORTED');
  }

  close(): void {
    this.closed = true;
    this.#connection.close();
  }

  reconnect(): void {
    this.#connection.close();
    this.#connection = new Connection(this.path, this.options);
    this.closed = false;
  }
}

/** An interactive transaction: the only user of the connection until it ends. */
class SqliteTransaction implements Transaction {
  #connection: Connection | null;

  constructor(
    connection: Connection,
    private readonly release: () => void,
  ) {
    this.#connection = connection;
  }

  get closed(): boolean {
    return this.#connection === null || !this.#connection.inTransaction;
  }

  #open(): Connection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#connection!;
  }

  #end(): void {
    if (this.#connection === null) return;
    this.#connection.rollbackIfOpen();
    this.#connection = null;
    this.release();
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return this.#open().execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = this.#open();
    return stmts.map((stmt, index) => connection.execute(stmt, index));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open().executeMultiple(sql);
  }

  async commit(): Promise<void> {
    try {
      this.#open().execute('COMMIT');
    } finally {
      this.#end();
    }
  }

  async rollback(): Promise<void> {
    this.#end();
  }

  close(): void {
    this.#end();
  }
}

/** A client on a local SQLite file (a path, not a URL). */
export function openSqliteFile(path: string, options: SqliteFileOptions): Client {
  return new SqliteFileClient(path, options);
}
