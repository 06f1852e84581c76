/**
 * @module
 * The `@libsql/client` `Client` drizzle's libsql driver calls, speaking libSQL's HTTP protocol
 * (Hrana 2 over HTTP, JSON: `POST /v2/pipeline`) to a libSQL server or Turso, for the Worker and
 * Deno. Each call is one HTTP request: a statement, or a batch in one transaction.
 *
 * Why not `@libsql/client/web`: the Worker needs a client per request there (its concurrency
 * queue would make one request await another's I/O, which workerd refuses), and making one,
 * its streams, and its rows value by value cost more of a Worker request than the rest of the
 * route (BENCHMARKS.md figure 6). This client shares no promise or queue between calls, so an
 * isolate makes one, and rows are built from one class per statement (`db/result-rows.ts`).
 * What it keeps is data: the batons of a few streams earlier calls left open on the server,
 * each resumed by one later call, which saves the server opening a connection for each, and the
 * statements each stream stores, sent by id rather than as text.
 *
 * The database out of reach (refused, reset, no answer within the deadline, a gateway's
 * 502/503/504) fails as `DatabaseUnavailableError`, answered 503. Writes wait their turn: the
 * server answers `SQLITE_BUSY` to a write while another holds the write lock (a burst of ticket
 * creates), and such a request, which changed nothing, is sent again after a short, growing,
 * random pause until the deadline.
 *
 * Interactive transactions are not offered: a stream would be left inside one between calls. The
 * portal writes in single batches (`db/reads.ts`, guarded inserts), each of which ends its
 * transaction (commit, or rollback when a step failed) before its stream is resumed again.
 */
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
} from '@libsql/core/api';
import { DatabaseUnavailableError } from '../errors.ts';
import {
  errorOf,
  resultOf,
  stmtOf,
  type BatchCondition,
  type BatchStep,
  type HranaStmt,
  type PipelineResult,
  type Request,
} from './hrana.ts';

/** Longer than any query of the portal takes, short enough that a customer is not left waiting. */
export const DATABASE_TIMEOUT_MS = 10_000;

/** Statuses of a proxy or server in front of the database that mean "not now". */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

export interface LibsqlHttpOptions {
  /** `http://`, `https://`, or `libsql://` (Turso's, spoken over HTTPS). */
  url: string;
  authToken?: string;
  timeoutMs?: number;
}

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

/** A request the server refused for its write lock: it changed nothing, so it may go again. */
function isBusy(results: PipelineResult[]): boolean {
  return results.some((result) =>
    result.type === 'error'
      ? result.error.code === 'SQLITE_BUSY'
      : result.response.type === 'batch' &&
        result.response.result.step_errors.some((error) => error?.code === 'SQLITE_BUSY'),
  );
}

/**
 * Streams a client keeps open on the server, each holding a connection there: as many as an
 * isolate has requests at the database at once, up to this. With 8, at 16 requests at once every
 * other one opened and closed a stream of its own, and sqld's CPU per list request rose by a
 * third (BENCHMARKS.md figure 6). sqld's default of 128 connections serves eight such isolates.
 */
const MAX_OPEN_STREAMS = 16;
/** sqld ends a stream after 10 s without requests; one idle half as long is not resumed. */
const RESUME_WITHIN_MS = 5_000;

function pipelineUrlOf(base: string): string {
  return new URL('v2/pipeline', base.endsWith('/') ? base : `${base}/`).href;
}

/** A stream left open on the server, and the statements it stores (`store_sql`) by id. */
interface OpenStream {
  baton: string;
  url: string;
  since: number;
  stored: Map<string, number>;
}

/** Statements a stream stores at most; past that, the others go as text. */
const MAX_STORED_SQL = 50;

/**
 * The statements of `requests` the stream should store and does not yet (`store_sql`, sent first
 * in the same pipeline), now noted in `stored`: a route's statements are few and fixed, and on a
 * resumed stream their text need not travel and be read again.
 */
function storesFor(requests: Request[], stored: Map<string, number>): Request[] {
  const stores: Request[] = [];
  for (const stmt of requests.flatMap(statementsOf)) {
    const sql = stmt.sql!;
    if (stored.has(sql) || stored.size >= MAX_STORED_SQL) continue;
    stored.set(sql, stored.size + 1);
    stores.push({ type: 'store_sql', sql_id: stored.size, sql });
  }
  return stores;
}

function statementsOf(request: Request): HranaStmt[] {
  if (request.type === 'execute') return [request.stmt];
  if (request.type === 'batch') return request.batch.steps.map((step) => step.stmt);
  return [];
}

/** `request` with each statement the stream stores sent by its id instead of its text. */
function byStoredId(request: Request, stored: Map<string, number>): Request {
  const byId = (stmt: HranaStmt): HranaStmt => {
    const id = stored.get(stmt.sql!);
    return id === undefined ? stmt : { ...stmt, sql: undefined, sql_id: id };
  };
  if (request.type === 'execute') return { ...request, stmt: byId(request.stmt) };
  if (request.type === 'batch')
    return {
      ...request,
      batch: { steps: request.batch.steps.map((step) => ({ ...step, stmt: byId(step.stmt) })) },
    };
  return request;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class LibsqlHttpClient implements Client {
  readonly protocol = 'http';
  closed = false;
  readonly #pipelineUrl: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  /** Streams left open by earlier requests, each to be resumed once by its baton. */
  readonly #idle: OpenStream[] = [];
  /** Streams kept open: idle, or resumed by a request in flight. */
  #open = 0;
  /** Whether statements are stored on streams; off once the server refused to store one. */
  #storeSql = true;

  constructor(options: LibsqlHttpOptions) {
    this.#pipelineUrl = pipelineUrlOf(options.url.replace(/^libsql:/, 'https:'));
    this.#headers = { 'content-type': 'application/json' };
    if (options.authToken) this.#headers.authorization = `Bearer ${options.authToken}`;
    this.#timeoutMs = options.timeoutMs ?? DATABASE_TIMEOUT_MS;
  }

  /**
   * Sends the requests, on a stream an earlier call left open when there is one, and returns
   * their results in order. Writes refused for another writer's lock go again until the
   * deadline.
   */
  async #pipeline(requests: Request[]): Promise<PipelineResult[]> {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    const deadline = Date.now() + this.#timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const results = await this.#send(requests, deadline);
      if (!isBusy(results)) return results;
      const wait = Math.random() * Math.min(100, 5 * 2 ** attempt);
      if (Date.now() + wait >= deadline)
        throw new DatabaseUnavailableError(
          new LibsqlError('The database stayed locked by other writes', 'SQLITE_BUSY'),
        );
      await pause(wait);
    }
  }

  /**
   * The stream used last. Streams idle so long that the server has likely ended them are let go
   * first (the oldest are first in the list).
   */
  #resumable() {
    const now = Date.now();
    while (this.#idle.length > 0 && now - this.#idle[0]!.since >= RESUME_WITHIN_MS) {
      this.#idle.shift();
      this.#open--;
    }
    return this.#idle.pop();
  }

  /**
   * One HTTP request. A stream left open is resumed by its baton, which serves once: the server
   * keeps its connection, so the statements skip opening one (BENCHMARKS.md figure 6). Up to
   * `MAX_OPEN_STREAMS` are kept (idle or in flight); past that a request closes its stream. A
   * baton the server no longer knows (expired while idle) is refused before anything runs, and
   * the request goes again on a new stream. On a kept stream, statements go by the id it stores
   * them under. Should the server refuse to store one (sqld refuses the whole request, with 400),
   * nothing ran (a statement without its text fails, and a batch's transaction with it), and from
   * then on statements go as text.
   */
  async #send(requests: Request[], deadline: number): Promise<PipelineResult[]> {
    for (;;) {
      const resumed = this.#resumable();
      const keep = resumed !== undefined || this.#open < MAX_OPEN_STREAMS;
      if (keep && !resumed) this.#open++;
      const stored = resumed?.stored ?? new Map<string, number>();
      const stores = keep && this.#storeSql ? storesFor(requests, stored) : [];
      const sent: Request[] = keep
        ? [...stores, ...requests.map((request) => byStoredId(request, stored))]
        : [...requests, { type: 'close' }];
      let answer: { baton: string | null; base_url: string | null; results: PipelineResult[] };
      try {
        const response = await fetch(resumed?.url ?? this.#pipelineUrl, {
          method: 'POST',
          headers: this.#headers,
          body: JSON.stringify({ baton: resumed?.baton ?? null, requests: sent }),
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        // Read under the same deadline, so a body cut off midway is reported the same way.
        const text = await response.text();
        if (response.status === 400 && (resumed || stores.length)) {
          // A stale baton, else (on a new stream) a server that would not store the statements.
          if (!resumed) this.#storeSql = false;
          this.#open--;
          continue;
        }
        if (!response.ok) {
          const failure = new LibsqlError(
            `The database answered HTTP ${response.status}: ${text.slice(0, 200)}`,
            'SERVER_ERROR',
          );
          throw UNAVAILABLE_STATUSES.has(response.status)
            ? new DatabaseUnavailableError(failure)
            : failure;
        }
        answer = JSON.parse(text) as typeof answer;
      } catch (error) {
        if (keep) this.#open--;
        if (error instanceof LibsqlError || error instanceof DatabaseUnavailableError) throw error;
        throw new DatabaseUnavailableError(error);
      }
      if (keep && answer.baton)
        this.#idle.push({
          baton: answer.baton,
          url: answer.base_url ? pipelineUrlOf(answer.base_url) : this.#pipelineUrl,
          since: Date.now(),
          stored,
        });
      else if (keep) this.#open--;
      return stores.length ? answer.results.slice(stores.length) : answer.results;
    }
  }

  async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args } : stmtOrSql;
    const [result] = await this.#pipeline([{ type: 'execute', stmt: stmtOf(stmt) }]);
    if (result!.type === 'error') throw errorOf(result!.error);
    if (result!.response.type !== 'execute')
      throw new LibsqlError('Unexpected answer', 'HRANA_PROTO_ERROR');
    return resultOf(result!.response.result);
  }

  /**
   * The statements in one transaction, as `@libsql/client` sends them: each runs only if the one
   * before succeeded, the commit only if the last did, and a rollback otherwise.
   */
  async batch(
    stmts: (InStatement | [string, InArgs?])[],
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    return this.#transaction(BEGIN[mode], stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#transaction(BEGIN.deferred, stmts, true);
  }

  async #transaction(
    begin: string,
    stmts: (InStatement | [string, InArgs?])[],
    withoutForeignKeys = false,
  ): Promise<ResultSet[]> {
    const steps: BatchStep[] = [];
    const step = (sql: string, condition?: BatchCondition) =>
      steps.push({ stmt: { sql, want_rows: false }, condition }) - 1;
    if (withoutForeignKeys) step('PRAGMA foreign_keys=off');
    let last = step(begin);
    const first = steps.length;
    for (const stmt of stmts) {
      steps.push({ stmt: stmtOf(stmt), condition: { type: 'ok', step: last } });
      last = steps.length - 1;
    }
    const commit = step('COMMIT', { type: 'ok', step: last });
    step('ROLLBACK', { type: 'not', cond: { type: 'ok', step: commit } });
    if (withoutForeignKeys) step('PRAGMA foreign_keys=on');

    const [result] = await this.#pipeline([{ type: 'batch', batch: { steps } }]);
    if (result!.type === 'error') throw errorOf(result!.error);
    if (result!.response.type !== 'batch')
      throw new LibsqlError('Unexpected answer', 'HRANA_PROTO_ERROR');
    const { step_results: results, step_errors: errors } = result!.response.result;
    const beginError = errors[first - 1];
    if (beginError) throw errorOf(beginError);
    const sets: ResultSet[] = [];
    for (let index = 0; index < stmts.length; index++) {
      const error = errors[first + index];
      if (error) throw errorOf(error, index);
      const stepResult = results[first + index];
      if (!stepResult)
        throw new LibsqlBatchError(
          'Statement in a batch was not executed, probably because the transaction has been rolled back',
          index,
          'TRANSACTION_CLOSED',
        );
      sets.push(resultOf(stepResult));
    }
    if (errors[commit]) throw errorOf(errors[commit]!);
    return sets;
  }

  async executeMultiple(sql: string): Promise<void> {
    const [result] = await this.#pipeline([{ type: 'sequence', sql }]);
    if (result!.type === 'error') throw errorOf(result!.error);
  }

  async transaction(): Promise<Transaction> {
    throw new LibsqlError(
      'Interactive transactions are not offered over HTTP here; send a batch',
      'TRANSACTION_NOT_SUPPORTED',
    );
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('A libSQL server has no local replica to sync', 'SYNC_NOT_SUPPORTED');
  }

  /** Idle streams are left to the server, which ends them after a while without requests. */
  close(): void {
    this.closed = true;
    this.#open -= this.#idle.length;
    this.#idle.length = 0;
  }

  reconnect(): void {
    this.closed = false;
  }
}

/** A client of a libSQL server or Turso; it holds no connection, so one serves every request. */
export function libsqlHttpClient(options: LibsqlHttpOptions): Client {
  return new LibsqlHttpClient(options);
}
