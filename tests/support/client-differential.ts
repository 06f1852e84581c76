/**
 * @module
 * The same statements through one of our libSQL clients and through `@libsql/client`, one
 * database each, and the same answers: rows by index and by name, columns, rows affected, last
 * insert rowid, and the error codes of failures (constraint violations, syntax errors, a batch
 * rolled back at its failing statement). Used for the Node file client and the HTTP client.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Client, InStatement, ResultSet } from '@libsql/client';

/** What a caller can see of a result. */
function seen(result: ResultSet) {
  return {
    columns: result.columns,
    rows: result.rows.map((row) => ({
      byIndex: Array.from({ length: result.columns.length }, (_, i) => row[i]),
      byName: { ...row },
    })),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
  };
}

/** What a caller can see of a failure. */
function failure(error: unknown) {
  const { name, code, message } = error as { name: string; code?: string; message: string };
  const index = (error as { statementIndex?: number }).statementIndex;
  // Messages differ in their prefix ("SQLITE_CONSTRAINT: ..."); what SQLite said must be there.
  const said =
    /(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed[^\n]*|syntax error|no such \w+: \w+/.exec(
      message,
    )?.[0];
  return { failed: true, name, code, index, said };
}

export interface ClientPair {
  /** Our client, and `@libsql/client` on a database of its own, both empty. */
  ours: Client;
  reference: Client;
}

/**
 * Registers the cases under `title`: `pair` is called in `before` and gives both clients.
 * `interactive` says whether our client offers interactive transactions; when it does not, it
 * must refuse one with `TRANSACTION_NOT_SUPPORTED` instead.
 */
export function clientDifferential(
  title: string,
  pair: () => Promise<ClientPair> | ClientPair,
  { interactive }: { interactive: boolean },
) {
  let ours: Client;
  let reference: Client;
  before(async () => ({ ours, reference } = await pair()));

  async function both(run: (client: Client) => Promise<ResultSet | ResultSet[]>) {
    const answer = async (client: Client) => {
      let result: ResultSet | ResultSet[];
      try {
        result = await run(client);
      } catch (error) {
        return failure(error);
      }
      return Array.isArray(result) ? result.map(seen) : seen(result);
    };
    const [mine, theirs] = [await answer(ours), await answer(reference)];
    assert.deepEqual(mine, theirs);
    return mine;
  }

  const show = (value: unknown) =>
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

  /** A statement both must accept. */
  async function execute(statement: InStatement) {
    const answer = await both((client) => client.execute(statement));
    assert.ok(!('failed' in answer), `${show(statement)}: ${show(answer)}`);
  }

  /** A statement both must refuse. */
  async function refuse(statement: InStatement) {
    const answer = await both((client) => client.execute(statement));
    assert.ok('failed' in answer, `${show(statement)} was accepted`);
  }

  const batch = (statements: InStatement[]) => both((client) => client.batch(statements, 'write'));

  describe(title, () => {
    test('schema, writes and reads of every value type', async () => {
      await execute(
        'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size REAL, data BLOB, flag INTEGER CHECK (flag IN (0, 1)), parent INTEGER REFERENCES items (id))',
      );
      await execute('PRAGMA foreign_keys = on');
      await execute({
        sql: 'INSERT INTO items (name, size, data, flag) VALUES (?, ?, ?, ?)',
        args: ['first', 1.5, new Uint8Array([0, 1, 255]), 1],
      });
      await execute({
        sql: 'INSERT INTO items (name, size, data, flag) VALUES (:name, :size, NULL, 0)',
        args: { name: 'second', size: 2 },
      });
      await execute({
        sql: 'INSERT INTO items (id, name) VALUES (?, ?)',
        args: [9_007_199_254_740_000n, 'big'],
      });
      await execute('SELECT * FROM items ORDER BY id');
      await execute(
        "SELECT count(*) AS n, sum(size) AS total, max(name), 'text' AS literal, NULL AS empty, 1 = 1 AS truth FROM items",
      );
      await execute('SELECT id, id AS again, name FROM items WHERE id > 100');
      await execute({ sql: 'SELECT * FROM items WHERE name = ?1 OR name = ?1', args: ['first'] });
    });

    test('updates, deletes and RETURNING', async () => {
      await execute({ sql: 'UPDATE items SET size = size * 2 WHERE size IS NOT NULL', args: [] });
      await execute('UPDATE items SET flag = 0 WHERE id < 0');
      await execute({
        sql: "UPDATE items SET name = name || '!' WHERE id <= ? RETURNING id, name",
        args: [2],
      });
      await execute({ sql: 'INSERT INTO items (name) VALUES (?) RETURNING *', args: ['returned'] });
      await execute({ sql: 'DELETE FROM items WHERE name = ?', args: ['returned'] });
      await execute('SELECT id, name, size FROM items ORDER BY id');
    });

    test('constraint violations, syntax errors and unknown names fail with the same codes', async () => {
      const refused = [
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['first!'] },
        { sql: 'INSERT INTO items (name) VALUES (NULL)', args: [] },
        { sql: 'INSERT INTO items (name, flag) VALUES (?, 7)', args: ['flagged'] },
        { sql: 'INSERT INTO items (name, parent) VALUES (?, 424242)', args: ['orphan'] },
        { sql: 'SELEC * FROM items', args: [] },
        { sql: 'SELECT nope FROM items', args: [] },
        { sql: 'SELECT * FROM nowhere', args: [] },
      ];
      for (const statement of refused) await refuse(statement);
      await execute('SELECT count(*) AS n FROM items');
    });

    test('a batch is applied whole, or not at all from the failing statement on', async () => {
      const applied = await batch([
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batched 1'] },
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batched 2'] },
        { sql: 'SELECT name FROM items WHERE name LIKE ? ORDER BY name', args: ['batched%'] },
      ]);
      assert.ok(!('failed' in applied));
      const failed = await batch([
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batched 3'] },
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batched 1'] },
      ]);
      assert.ok('failed' in failed);
      await execute({ sql: 'SELECT count(*) AS n FROM items WHERE name = ?', args: ['batched 3'] });
      await batch([]);
    });

    test('an interactive transaction commits or rolls back the same way', async (t) => {
      if (!interactive) {
        t.diagnostic('not offered: refused instead');
        await assert.rejects(ours.transaction('write'), { code: 'TRANSACTION_NOT_SUPPORTED' });
        return;
      }
      for (const end of ['commit', 'rollback'] as const) {
        await both(async (client) => {
          const transaction = await client.transaction('write');
          try {
            const inserted = await transaction.execute({
              sql: 'INSERT INTO items (name) VALUES (?)',
              args: [`in ${end}`],
            });
            await transaction[end]();
            return [inserted, await client.execute('SELECT name FROM items ORDER BY id')];
          } finally {
            transaction.close();
          }
        });
      }
    });
  });
}
