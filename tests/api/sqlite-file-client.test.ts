/**
 * The embedded default's database client (edge/node/sqlite-file-client.ts) keeps the promises of
 * `@libsql/client` that drizzle and the admin tools rely on: rows by name and by index, a batch
 * applied whole or not at all, an interactive transaction that nothing else interleaves with,
 * and a file other connections read and write alongside it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import { openDatabase } from '../../edge/node/ports.ts';
import { byDeadline, nextTurn } from '../support/deadline.ts';

describe('the database client on a local file', () => {
  let dir: string;
  let url: string;
  let client: Client;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-client-test-'));
    url = `file:${join(dir, 'portal.db')}`;
    client = openDatabase(url);
    await client.executeMultiple(
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, body BLOB, score REAL);',
    );
  });
  after(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns rows by column name and by index, with only the names enumerable', async () => {
    await client.execute({
      sql: 'INSERT INTO notes (id, title, body, score) VALUES (?, ?, ?, ?)',
      args: [1, 'first', new Uint8Array([1, 2, 3]).buffer, 0.5],
    });
    const result = await client.execute(
      'SELECT id, title, body, score, NULL AS missing FROM notes',
    );
    assert.deepEqual(result.columns, ['id', 'title', 'body', 'score', 'missing']);
    const [row] = result.rows;
    assert.equal(row!.id, 1);
    assert.equal(row![1], 'first');
    assert.equal(row!.length, 5);
    assert.deepEqual([...new Uint8Array(row!.body as ArrayBuffer)], [1, 2, 3]);
    assert.deepEqual(Object.keys(row!), ['id', 'title', 'body', 'score', 'missing']);
    assert.deepEqual(Array.prototype.slice.call(row).slice(3), [0.5, null]);
  });

  it('keeps the first of two columns with the same name, and both by index', async () => {
    const { rows } = await client.execute('SELECT 1 AS id, 2 AS id');
    assert.equal(rows[0]!.id, 1);
    assert.deepEqual(Array.prototype.slice.call(rows[0]), [1, 2]);
  });

  it('applies a batch whole or not at all', async () => {
    await assert.rejects(
      client.batch([
        { sql: 'INSERT INTO notes (id, title) VALUES (?, ?)', args: [2, 'second'] },
        { sql: 'INSERT INTO notes (id, title) VALUES (?, ?)', args: [3, 'first'] },
      ]),
      (error: unknown) =>
        error instanceof LibsqlError &&
        error.code === 'SQLITE_CONSTRAINT' &&
        /UNIQUE constraint failed: notes\.title/.test(error.message),
    );
    const { rows } = await client.execute('SELECT count(*) AS n FROM notes');
    assert.equal(rows[0]!.n, 1);
    const [inserted, returned] = await client.batch([
      { sql: 'INSERT INTO notes (id, title) VALUES (?, ?)', args: [2, 'second'] },
      { sql: 'UPDATE notes SET score = 1 WHERE id >= ? RETURNING id', args: [1] },
    ]);
    assert.equal(inserted!.rowsAffected, 1);
    assert.equal(inserted!.lastInsertRowid, 2n);
    assert.deepEqual(
      returned!.rows.map((row) => row.id),
      [1, 2],
    );
  });

  it('makes other calls wait while an interactive transaction is open', async () => {
    const transaction = await client.transaction('write');
    await transaction.execute({
      sql: 'INSERT INTO notes (id, title) VALUES (?, ?)',
      args: [4, 'x'],
    });
    const order: string[] = [];
    const outside = client.execute('SELECT count(*) AS n FROM notes');
    void outside.then(() => order.push('outside answered'));
    await transaction.execute('SELECT 1');
    await nextTurn();
    order.push('rolled back');
    await transaction.rollback();
    const { rows } = await byDeadline(outside, 'the call outside the transaction');
    assert.deepEqual(order, ['rolled back', 'outside answered']);
    assert.equal(rows[0]!.n, 2, 'it saw no row of the rolled back transaction');
  });

  it('sees a column added after a statement was first prepared', async () => {
    await client.execute('SELECT * FROM notes');
    await client.execute('ALTER TABLE notes ADD COLUMN tag TEXT');
    const { columns } = await client.execute('SELECT * FROM notes');
    assert.deepEqual(columns, ['id', 'title', 'body', 'score', 'tag']);
  });

  it('shares the file with other connections (WAL)', async () => {
    const other = createClient({ url });
    try {
      assert.equal((await other.execute('PRAGMA journal_mode')).rows[0]![0], 'wal');
      await other.execute({ sql: 'INSERT INTO notes (id, title) VALUES (?, ?)', args: [5, 'y'] });
      const { rows } = await client.execute({
        sql: 'SELECT title FROM notes WHERE id = ?',
        args: [5],
      });
      assert.equal(rows[0]!.title, 'y');
    } finally {
      other.close();
    }
  });
});
