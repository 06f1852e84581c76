/**
 * The Worker's and Deno's libSQL client (edge/db/libsql-http-client.ts) against a real sqld: it
 * answers as `@libsql/client` does over HTTP (tests/support/client-differential.ts, each client
 * on a sqld of its own), a write waits for another writer's lock instead of failing, and streams
 * the server keeps open are resumed, bounded, and replaced once the server forgot them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient, type Client } from '@libsql/client';
import { libsqlHttpClient } from '../../edge/db/libsql-http-client.ts';
import { DatabaseUnavailableError } from '../../edge/errors.ts';
import { temporaryFolder, type Server } from '../../edge/node/child-servers.ts';
import { startSqldServer } from '../../edge/node/sqld.ts';
import { startSqld } from './support/sqld.ts';
import { clientDifferential } from '../support/client-differential.ts';

const servers: Server[] = [];
const clients: Client[] = [];
after(async () => {
  clients.forEach((client) => client.close());
  await Promise.all(servers.map((server) => server.stop()));
});

async function sqld(): Promise<string> {
  const server = await startSqldServer({ dbPath: join(temporaryFolder('http-client-'), 'db') });
  servers.push(server);
  return server.url;
}

clientDifferential(
  'the HTTP client answers as @libsql/client does over HTTP',
  async () => {
    const [oursUrl, referenceUrl] = await Promise.all([sqld(), sqld()]);
    const ours = libsqlHttpClient({ url: oursUrl });
    const reference = createClient({ url: referenceUrl });
    clients.push(ours, reference);
    return { ours, reference };
  },
  { interactive: false },
);

describe("another writer's lock", () => {
  let url: string;
  let holder: Client;
  before(async () => {
    url = await sqld();
    holder = createClient({ url });
    clients.push(holder);
    await holder.execute('CREATE TABLE tickets (number INTEGER PRIMARY KEY)');
  });

  test('a write waits for it and is applied once it is released', async () => {
    const held = await holder.transaction('write');
    await held.execute('INSERT INTO tickets VALUES (1)');
    const released = new Promise((resolve) => setTimeout(resolve, 500)).then(() => held.commit());
    const [, counted] = await libsqlHttpClient({ url }).batch(
      ['INSERT INTO tickets VALUES (2)', 'SELECT count(*) AS n FROM tickets'],
      'write',
    );
    await released;
    assert.equal(counted!.rows[0]!.n, 2);
  });

  test('held past the deadline, the write fails as the database unavailable, not a hang', async () => {
    const held = await holder.transaction('write');
    try {
      await held.execute('INSERT INTO tickets VALUES (3)');
      await assert.rejects(
        libsqlHttpClient({ url, timeoutMs: 300 }).execute('INSERT INTO tickets VALUES (4)'),
        DatabaseUnavailableError,
      );
    } finally {
      await held.rollback();
    }
  });
});

describe('streams kept open', () => {
  /** The pipeline requests sent while `run` runs, as the server received them. */
  async function sent(run: () => Promise<unknown>) {
    const bodies: { baton: string | null; requests: { type: string }[] }[] = [];
    const answers: { baton: string | null }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      const response = await realFetch(input, init);
      const text = await response.clone().text();
      answers.push(response.ok ? JSON.parse(text) : { baton: null });
      return response;
    };
    try {
      await run();
    } finally {
      globalThis.fetch = realFetch;
    }
    return { bodies, answers };
  }
  const closes = (body: { requests: { type: string }[] }) => body.requests.at(-1)?.type === 'close';

  test('a call resumes the stream the call before it left open', async () => {
    const client = libsqlHttpClient({ url: await sqld() });
    const { bodies, answers } = await sent(async () => {
      await client.execute('SELECT 1');
      await client.batch(['SELECT 2', 'SELECT 3'], 'read');
    });
    assert.equal(bodies.length, 2);
    assert.equal(bodies[0]!.baton, null);
    assert.ok(answers[0]!.baton);
    assert.equal(bodies[1]!.baton, answers[0]!.baton);
    assert.ok(!bodies.some(closes));
  });

  test('a resumed stream gets each statement once, then its id instead of its text', async () => {
    const client = libsqlHttpClient({ url: await sqld() });
    const read = () => client.batch(['SELECT 2 AS two', 'SELECT 3 AS three'], 'read');
    const { bodies } = await sent(async () => {
      await read();
      const again = await read();
      assert.deepEqual(
        again.map((set) => set.rows[0]![0]),
        [2, 3],
      );
    });
    const texts = (body: unknown) => JSON.stringify(body).match(/SELECT \d/g) ?? [];
    assert.deepEqual(texts(bodies[0]), ['SELECT 2', 'SELECT 3']);
    assert.deepEqual(texts(bodies[1]), [], 'the second call sends no SQL text');
  });

  test('past fifty statements on one stream, the others go as text and still answer', async () => {
    const client = libsqlHttpClient({ url: await sqld() });
    const { bodies } = await sent(async () => {
      for (let i = 0; i < 60; i++) {
        const result = await client.execute(`SELECT ${i} AS n`);
        assert.equal(result.rows[0]![0], i);
      }
    });
    const stored = bodies.flatMap((body) => body.requests).filter((r) => r.type === 'store_sql');
    assert.equal(stored.length, 50);
    assert.ok(
      bodies.slice(1).every((body) => body.baton),
      'all on the same stream',
    );
    assert.match(JSON.stringify(bodies[55]), /"sql":"SELECT 55 AS n"/);
  });

  test('a server that will not store a statement gets text from then on, and answers', async () => {
    const client = libsqlHttpClient({ url: await sqld() });
    const realFetch = globalThis.fetch;
    const bodies: { requests: { type: string }[] }[] = [];
    // Each store sent twice: sqld refuses a stored id again, and with it the whole request.
    globalThis.fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body)) as { requests: { type: string }[] };
      body.requests = body.requests.flatMap((r) => (r.type === 'store_sql' ? [r, r] : [r]));
      bodies.push(body);
      return realFetch(input, { ...init, body: JSON.stringify(body) });
    };
    try {
      const [two, three] = await client.batch(['SELECT 2', 'SELECT 3'], 'read');
      assert.deepEqual([two!.rows[0]![0], three!.rows[0]![0]], [2, 3]);
      assert.equal((await client.execute('SELECT 4')).rows[0]![0], 4);
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.equal(bodies.length, 3, 'refused once, then sent as text');
    assert.ok(bodies[0]!.requests.some((r) => r.type === 'store_sql'));
    assert.ok(!bodies.slice(1).some((body) => body.requests.some((r) => r.type === 'store_sql')));
  });

  test('at most sixteen stay open: past that, a request closes its stream', async () => {
    const client = libsqlHttpClient({ url: await sqld() });
    const { bodies } = await sent(() =>
      Promise.all(Array.from({ length: 24 }, (_, i) => client.execute(`SELECT ${i}`))),
    );
    assert.equal(bodies.length, 24);
    assert.equal(bodies.filter((body) => !closes(body)).length, 16);
    const { bodies: after } = await sent(() => client.execute('SELECT 1'));
    assert.ok(after[0]!.baton, 'an idle stream is resumed');
  });

  test('a stream idle for 5 s is not resumed: the server may have ended it', async (t) => {
    const client = libsqlHttpClient({ url: await sqld() });
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    await client.execute('SELECT 1');
    t.mock.timers.tick(4_000);
    const { bodies: soon } = await sent(() => client.execute('SELECT 2'));
    t.mock.timers.tick(5_000);
    const { bodies: later } = await sent(() => client.execute('SELECT 3'));
    assert.ok(soon[0]!.baton, 'resumed after 4 s');
    assert.equal(later[0]!.baton, null, 'a new stream after 5 s');
  });

  test('a stream the server forgot (it restarted) is replaced and the query answers', async () => {
    const server = await startSqld();
    try {
      const client = libsqlHttpClient({ url: server.url });
      await client.execute('SELECT 1');
      await server.kill();
      await server.restart();
      const { bodies } = await sent(async () => {
        const result = await client.execute('SELECT count(*) AS n FROM categories');
        assert.ok(Number(result.rows[0]!.n) > 0);
      });
      assert.deepEqual(
        bodies.map((body) => body.baton === null),
        [false, true],
        'refused on the old stream, then answered on a new one',
      );
    } finally {
      await server.stop();
    }
  });
});
