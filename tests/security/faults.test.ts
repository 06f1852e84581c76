/**
 * Faults: the Node server (edge/node.ts in its own process, DATA_DIR and PORT of its own) killed
 * with SIGKILL in the middle of creates with uploads, then started again on the same folder: the
 * database opens, every ticket that got a 201 is there with its file, and `storage:check` finds
 * no row without its object (objects without rows, from uploads in flight, are removed by
 * `--repair`). The demo pages' headers are checked on the restarted server. Webhook receivers
 * that go down and come back: tests/desk/webhooks.test.ts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { DEMO_LOGIN } from '../../edge/demo/demo-data.ts';
import * as schema from '../../edge/db/schema.ts';
import { diskStore } from '../../edge/node/disk-store.ts';
import { checkStorage } from '../../edge/scripts/admin/storage.ts';
import { PNG } from '../support/files.ts';
import { logIn, type HttpCustomer } from '../runtimes/support/http-customer.ts';
import {
  freePort,
  removeFolder,
  startServer,
  temporaryFolder,
  type Server,
} from '../../edge/node/child-servers.ts';

const WRITERS = 16;
/** Acknowledged creates to wait for before the kill, so the kill lands mid-load. */
const BEFORE_KILL = 40;
const acknowledged = { count: 0 };
const dataDir = temporaryFolder('portal-faults-');
let server: Server | undefined;
after(async () => {
  await server?.kill();
  removeFolder(dataDir);
});

/** Starts edge/node.ts on the test's folder, on a port of its own each time. */
async function startNode(): Promise<string> {
  const url = `http://127.0.0.1:${await freePort()}`;
  server = await startServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'edge/node.ts'],
    env: { DATA_DIR: dataDir, PORT: new URL(url).port, PBKDF2_ITERATIONS: '10000' },
    url,
    readyPath: ROUTES.config,
  });
  return url;
}

/** Creates tickets with a file until the server dies; returns those that got a 201. */
async function writer(customer: HttpCustomer, stop: { now: boolean }, index: number) {
  const created: { number: number; attachmentId: string; size: number }[] = [];
  for (let i = 0; !stop.now; i++) {
    try {
      const bytes = new Uint8Array([...PNG, ...new Uint8Array(20_000 + index * 100 + i)]);
      const response = await customer.createTicket({}, { name: `w${index}-${i}.png`, bytes });
      if (response.status !== 201) continue;
      const ticket = (await response.json()) as TicketDetails;
      acknowledged.count++;
      created.push({
        number: ticket.number,
        attachmentId: ticket.attachments[0]!.id,
        size: bytes.length,
      });
    } catch {
      return created; // The server is gone: whatever had no 201 was never promised.
    }
  }
  return created;
}

test('SIGKILL under a load of creates with uploads: every 201 survives with its file', async () => {
  const url = await startNode();
  // One session for every writer: logins are rate-limited, and the point is the writes.
  const session = await logIn(url, DEMO_LOGIN);
  const customers = Array.from({ length: WRITERS }, () => session);
  const stop = { now: false };
  const writing = customers.map((customer, i) => writer(customer, stop, i));
  for (let waited = 0; acknowledged.count < BEFORE_KILL && waited < 200; waited++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await server!.kill();
  stop.now = true;
  const promised = (await Promise.all(writing)).flat();
  assert.ok(promised.length > 0, 'some tickets were created before the kill');
  console.log(`# faults: ${promised.length} tickets with files acknowledged before SIGKILL`);

  const again = await startNode();
  const customer = await logIn(again, DEMO_LOGIN);
  let lost = 0;
  for (const { number, attachmentId, size } of promised) {
    const details = await customer.request(apiPath(ROUTES.ticket, { number }));
    const file = await customer.request(apiPath(ROUTES.attachment, { number, id: attachmentId }));
    const bytes = file.status === 200 ? (await file.arrayBuffer()).byteLength : -1;
    if (details.status !== 200 || bytes !== size) lost++;
    else await details.arrayBuffer();
  }
  assert.equal(lost, 0, 'objects lost');
  console.log(`# faults: objects lost ${lost}`);

  const page = await fetch(`${again}/`);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  await page.arrayBuffer();
  await server!.kill();

  const client = createClient({ url: `file:${join(dataDir, 'portal.db')}` });
  try {
    const ports = {
      db: drizzle(client, { schema }),
      store: diskStore(join(dataDir, 'attachments')),
      // The check as an operator runs it later on: uploads cut off by the kill are old by then.
      clock: { now: () => new Date(Date.now() + 2 * 3_600_000) },
    };
    const report = await checkStorage(ports);
    assert.deepEqual(report.rowsWithoutObject, []);
    console.log(`# faults: objects without row after the kill: ${report.objectsWithoutRow.length}`);
    console.log(`# faults: half-written files after the kill: ${report.unfinishedWrites}`);
    await checkStorage(ports, true);
    const repaired = await checkStorage(ports);
    assert.deepEqual(repaired.objectsWithoutRow, []);
    assert.deepEqual(repaired.rowsWithoutObject, []);
    assert.equal(repaired.unfinishedWrites, 0);
  } finally {
    client.close();
  }
});
