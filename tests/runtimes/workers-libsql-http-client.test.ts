/**
 * The Worker's and Deno's libSQL client (edge/db/libsql-http-client.ts) against a real sqld: it
 * answers as `@libsql/client` does over HTTP (tests/support/client-differential.ts, each client
 * on a sqld of its own), and a write waits for another writer's lock instead of failing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient, type Client } from '@libsql/client';
import { libsqlHttpClient } from '../../edge/db/libsql-http-client.ts';
import { DatabaseUnavailableError } from '../../edge/errors.ts';
import { temporaryFolder, type Server } from '../../edge/node/child-servers.ts';
import { startSqldServer } from '../../edge/node/sqld.ts';
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
