/**
 * The embedded default's file client (edge/node/sqlite-file-client.ts) against `@libsql/client`
 * on a file (tests/support/client-differential.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createClient, type Client } from '@libsql/client';
import { openSqliteFile } from '../../edge/node/sqlite-file-client.ts';
import { clientDifferential } from '../support/client-differential.ts';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-differential-'));
const clients: Client[] = [];
after(() => {
  clients.forEach((client) => client.close());
  rmSync(dir, { recursive: true, force: true });
});

clientDifferential(
  'the file client answers as @libsql/client does',
  () => {
    const ours = openSqliteFile(join(dir, 'ours.db'), { busyTimeoutMs: 5000 });
    const reference = createClient({ url: `file:${join(dir, 'reference.db')}` });
    clients.push(ours, reference);
    return { ours, reference };
  },
  { interactive: true },
);
