/**
 * The database out of reach is told apart from a bug: a refused connection, a server that never
 * answers, a gateway's 502/503/504 and the libSQL server's busy write lock (past the Worker
 * client's deadline, or as `@libsql/client` reports it on Node) are a 503
 * `service_unavailable` with `Retry-After`; a constraint, a local file's busy wait or a
 * TypeError in our own code stay a 500 `internal`. (End to end under `wrangler dev` with a
 * killed sqld: tests/runtimes/workers-sqld-restart.test.ts.)
 */
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { LibsqlError } from '@libsql/client';
import { HttpServerError, ResponseError } from '@libsql/hrana-client';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { Hono } from 'hono';
import { libsqlHttpClient } from '../../edge/db/libsql-http-client.ts';
import { DatabaseUnavailableError, renderError } from '../../edge/errors.ts';

/** What drizzle throws around the libSQL client's error. */
const fromDrizzle = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);

async function answerTo(error: Error) {
  const app = new Hono();
  app.onError(renderError);
  app.get('/', () => {
    throw error;
  });
  const response = await app.request('/');
  return {
    status: response.status,
    code: ((await response.json()) as { error: { code: string } }).error.code,
    retryAfter: response.headers.get('retry-after'),
  };
}

describe('the error handler', () => {
  test('the database out of reach: 503 service_unavailable with Retry-After', async () => {
    const unavailable = {
      'connection refused': fromDrizzle(
        new DatabaseUnavailableError(new TypeError('fetch failed')),
      ),
      'a closed stream carrying it': new LibsqlError(
        'closed',
        'HRANA_CLOSED_ERROR',
        undefined,
        undefined,
        Object.assign(new Error('Stream is closed'), {
          cause: new DatabaseUnavailableError(new Error('timeout')),
        }),
      ),
      'a gateway 502': fromDrizzle(
        new LibsqlError(
          'bad gateway',
          'SERVER_ERROR',
          undefined,
          undefined,
          new HttpServerError('x', 502),
        ),
      ),
      'sqld busy': fromDrizzle(
        new LibsqlError(
          'locked',
          'SQLITE_BUSY',
          undefined,
          undefined,
          new ResponseError('database is locked', { message: 'locked', code: 'SQLITE_BUSY' }),
        ),
      ),
    };
    for (const [what, error] of Object.entries(unavailable)) {
      const answer = await answerTo(error);
      assert.deepEqual(answer, { status: 503, code: 'service_unavailable', retryAfter: '5' }, what);
    }
  });

  test('bugs stay 500 internal', async () => {
    const bugs = {
      'a constraint': fromDrizzle(new LibsqlError('unique', 'SQLITE_CONSTRAINT')),
      'a local file busy': fromDrizzle(
        new LibsqlError('locked', 'SQLITE_BUSY', undefined, undefined, new Error('SqliteError')),
      ),
      'a server 500': fromDrizzle(
        new LibsqlError(
          'oops',
          'SERVER_ERROR',
          undefined,
          undefined,
          new HttpServerError('x', 500),
        ),
      ),
      'our TypeError': new TypeError("Cannot read properties of undefined (reading 'id')"),
    };
    for (const [what, error] of Object.entries(bugs)) {
      const answer = await answerTo(error);
      assert.deepEqual(answer, { status: 500, code: 'internal', retryAfter: null }, what);
    }
  });
});

describe("the Worker's libSQL client", () => {
  let silent: Server;
  const held = new Set<Socket>();
  let silentUrl: string;
  let refusedUrl: string;
  let gatewayUrl: string;
  const gateway = createHttpServer((request, response) => {
    request.resume();
    // A proxy in front of the database: 502 while it is down; 500 for its own bug.
    response.writeHead(request.url?.startsWith('/broken/') ? 500 : 502).end('upstream');
  });
  before(async () => {
    // Accepts connections and never answers, like a frozen server.
    silent = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    refusedUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise((resolve) => closed.close(resolve));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
  });
  after(() => {
    held.forEach((socket) => socket.destroy());
    silent.close();
    gateway.close();
  });

  const query = (url: string) => libsqlHttpClient({ url, timeoutMs: 300 }).execute('SELECT 1');

  test('a refused connection, a server that never answers and a gateway 502 fail as the database unavailable', async () => {
    await assert.rejects(query(refusedUrl), DatabaseUnavailableError);
    // Not a hang: the test's own timeout would end it; the bound ends it first.
    await assert.rejects(query(silentUrl), DatabaseUnavailableError);
    await assert.rejects(query(gatewayUrl), DatabaseUnavailableError);
    assert.deepEqual(await answerTo(fromDrizzle(await query(gatewayUrl).catch((e) => e))), {
      status: 503,
      code: 'service_unavailable',
      retryAfter: '5',
    });
  });

  test("a server's own 500 stays a 500 internal", async () => {
    const error = await query(`${gatewayUrl}/broken/`).catch((e: unknown) => e);
    assert.equal((error as LibsqlError).code, 'SERVER_ERROR');
    assert.deepEqual(await answerTo(fromDrizzle(error)), {
      status: 500,
      code: 'internal',
      retryAfter: null,
    });
  });
});
