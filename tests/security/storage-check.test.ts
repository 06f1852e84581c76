/**
 * The orphan check: rows without objects (data lost) and objects without rows (interrupted
 * uploads) are found; `--repair` removes only the latter.
 */
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TicketDetails } from '../../contract/types.ts';
import { checkStorage } from '../../edge/scripts/admin/storage.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { PNG } from '../support/files.ts';

let portal: TestPortal;
before(async () => {
  portal = await startPortal();
});
after(() => portal.close());

test('a healthy store reports nothing; an orphan object is reported and repaired, a lost object reported', async () => {
  const a = await portal.createCustomer();
  const customer = await logIn(portal, a.email, a.password);
  const created = (await (
    await customer.createTicket({}, { name: 'a.png', bytes: PNG })
  ).json()) as TicketDetails;
  assert.equal(created.attachments.length, 1);

  const healthy = await checkStorage(portal.ports);
  assert.equal(healthy.rows, 1);
  assert.deepEqual(healthy.rowsWithoutObject, []);
  assert.deepEqual(healthy.objectsWithoutRow, []);

  await portal.ports.store.put('tickets/t-inflight/orphan', PNG);
  const orphaned = await checkStorage(portal.ports);
  assert.deepEqual(orphaned.objectsWithoutRow, ['tickets/t-inflight/orphan']);
  const repaired = await checkStorage(portal.ports, true);
  assert.equal(repaired.repaired, 1);
  assert.deepEqual((await checkStorage(portal.ports)).objectsWithoutRow, []);
  assert.equal(await portal.ports.store.head('tickets/t-inflight/orphan'), null);

  const [row] = (await portal.client.execute('SELECT storage_key FROM attachments')).rows;
  await portal.ports.store.delete(String(row!.storage_key));
  const lost = await checkStorage(portal.ports, true);
  assert.deepEqual(lost.rowsWithoutObject, [String(row!.storage_key)]);
  assert.equal(lost.rows, 1, 'a repair never deletes a row');
});

test('files half-written by a crash are reported once an hour old, and a repair deletes them', async () => {
  const folder = join(portal.dir, 'attachments', 'tickets', 't-crashed');
  mkdirSync(folder, { recursive: true });
  const stale = join(folder, 'object.1234.partial');
  const running = join(folder, 'other.5678.partial');
  writeFileSync(stale, PNG);
  writeFileSync(running, PNG);
  const twoHoursAgo = new Date(portal.clock.now().getTime() - 2 * 3_600_000);
  utimesSync(stale, twoHoursAgo, twoHoursAgo);

  const report = await checkStorage(portal.ports);
  assert.equal(report.unfinishedWrites, 1, 'an upload still running is left alone');
  assert.deepEqual(report.objectsWithoutRow, [], 'half-written files are not objects');
  assert.equal((await checkStorage(portal.ports, true)).unfinishedWrites, 1);
  assert.equal(existsSync(stale), false);
  assert.equal(existsSync(running), true);
  assert.equal((await checkStorage(portal.ports)).unfinishedWrites, 0);
});
