/**
 * Retention on the stores the runtimes wire: the Worker's hourly cron removes from R2 (wrangler's
 * local simulation) the bytes of an upload that never committed its row, and keeps an attachment;
 * Deno's timer does the same on its files, with half-written ones (attachments kept: Node's test). RETENTION_UPLOAD_HOURS=0
 * (development only) stands for "a day later". The rules: tests/api/retention.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { TicketDetails } from '../../contract/types.ts';
import { attachments } from '../../edge/db/schema.ts';
import { PNG } from '../support/files.ts';
import { startDenoServe, type DenoServer } from './support/deno.ts';
import { logIn } from './support/http-customer.ts';
import { childEnv, REPO_ROOT, temporaryFolder } from '../../edge/node/child-servers.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { ATTACHMENTS_BUCKET, startWranglerDev, type WranglerDev } from './support/wrangler.ts';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let deno: DenoServer | undefined;
const vars = () => ({
  LIBSQL_URL: sqld!.url,
  TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
  ENVIRONMENT: 'development',
  RETENTION_UPLOAD_HOURS: '0',
});

before(
  async () => {
    sqld = await startSqld();
    worker = await startWranglerDev(vars());
  },
  { timeout: 90_000 },
);
after(async () => {
  await Promise.allSettled([worker?.stop(), deno?.stop(), sqld?.stop()]);
});

async function storageKey(attachmentId: string) {
  const [row] = await sqld!.db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(eq(attachments.id, attachmentId));
  return row!.key;
}

async function ticketWithFile(url: string) {
  const customer = await logIn(url, await sqld!.createCustomer('Ana', 10_000));
  const created = await customer.createTicket({}, { name: 'screen.png', bytes: PNG });
  assert.equal(created.status, 201);
  return storageKey(((await created.json()) as TicketDetails).attachments[0]!.id);
}

test('the hourly cron removes an upload left without its row from R2, and keeps attachments', async () => {
  const kept = await ticketWithFile(worker!.url);
  const orphan = 'tickets/interrupted/upload-without-row';
  const file = join(temporaryFolder('portal-orphan-'), 'orphan');
  writeFileSync(file, 'bytes of an upload cut off before its row');
  await promisify(execFile)(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'r2',
      'object',
      'put',
      `${ATTACHMENTS_BUCKET}/${orphan}`,
      `--file=${file}`,
      '--local',
      `--persist-to=${worker!.persistTo}`,
    ],
    { cwd: REPO_ROOT, env: childEnv() },
  );
  assert.ok(await worker!.r2Object(orphan), 'the orphan is in R2');

  // The minute's cron runs the job, not retention.
  assert.equal((await fetch(`${worker!.url}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  assert.ok(await worker!.r2Object(orphan));
  assert.equal((await fetch(`${worker!.url}/__scheduled?cron=17+*+*+*+*`)).status, 200);
  assert.equal(await worker!.r2Object(orphan), null);
  assert.deepEqual(await worker!.r2Object(kept), PNG);
  await worker!.waitForOutput(/"route":"job:retention","status":"ok".*"uploadLeftovers":1/);
});

test("Deno's timer removes an upload left without its row and half-written files", async () => {
  const folder = (attachmentsDir: string) => join(attachmentsDir, 'tickets', 'interrupted');
  deno = await startDenoServe({ ...vars(), JOB_INTERVAL_SECONDS: '1' }, (attachmentsDir) => {
    mkdirSync(folder(attachmentsDir), { recursive: true });
    writeFileSync(join(folder(attachmentsDir), 'orphan'), 'bytes of an upload cut off');
    writeFileSync(join(folder(attachmentsDir), 'half.1234.partial'), 'half');
  });
  // Retention runs on the timer's first tick.
  await deno.waitForOutput(/"route":"job:retention","status":"ok".*"unfinishedWrites":1/);
  assert.match(deno.output(), /"uploadLeftovers":1/);
  assert.ok(!existsSync(join(folder(deno.attachmentsDir), 'orphan')));
  assert.ok(!existsSync(join(folder(deno.attachmentsDir), 'half.1234.partial')));
});
