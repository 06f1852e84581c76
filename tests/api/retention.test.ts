/**
 * Retention (edge/jobs/retention.ts) on the Node app, a libSQL file and the disk store: what each
 * period removes, and what it keeps. R2: tests/runtimes/workers-retention.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { TicketDetails } from '../../contract/types.ts';
import {
  attachments,
  mailOutbox,
  passwordResets,
  rateLimits,
  usedCaptchas,
} from '../../edge/db/schema.ts';
import { deliverDueMail } from '../../edge/jobs/mail-delivery.ts';
import { runRetention } from '../../edge/jobs/retention.ts';
import { queueMail, renderMail } from '../../edge/mail/index.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { PNG } from '../support/files.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let portal: TestPortal;
beforeEach(async () => (portal = await startPortal()));
afterEach(() => portal.close());

async function sendMail(to: string) {
  const mail = renderMail('set-password', 'es', {
    name: 'Ana',
    link: 'https://shop.example.com/#sp/set-password/live-token',
  });
  await queueMail(portal.db, { to, ...mail }, { at: portal.clock.now() });
  await deliverDueMail(portal.ports);
}

async function mailTo(to: string) {
  const [row] = await portal.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
  return row!;
}

test('a sent e-mail keeps who, when and which template, and loses subject and bodies after 7 days', async () => {
  await sendMail('old@example.com');
  portal.clock.advance(2 * DAY);
  await sendMail('recent@example.com');
  await queueMail(
    portal.db,
    { to: 'queued@example.com', ...renderMail('set-password', 'es', { name: 'B' }) },
    { at: new Date(portal.clock.now().getTime() + 30 * DAY) },
  );
  const sent = await mailTo('old@example.com');
  portal.clock.advance(5 * DAY + 1);

  const report = await runRetention(portal.ports);
  assert.equal(report.mailBodies, 1);
  const old = await mailTo('old@example.com');
  assert.deepEqual(
    { subject: old.subject, text: old.text, html: old.html },
    { subject: '', text: '', html: '' },
  );
  assert.equal(old.template, 'set-password');
  assert.equal(old.status, 'sent');
  assert.deepEqual(old.sentAt, sent.sentAt);
  assert.deepEqual(old.createdAt, sent.createdAt);
  assert.match((await mailTo('recent@example.com')).text, /live-token/);
  assert.match((await mailTo('queued@example.com')).subject, /./);
  assert.equal((await runRetention(portal.ports)).mailBodies, 0, 'once');
});

test('RETENTION_MAIL_BODY_DAYS sets the period', async () => {
  portal.close();
  portal = await startPortal({ RETENTION_MAIL_BODY_DAYS: '2' });
  await sendMail('two-days@example.com');
  portal.clock.advance(2 * DAY - 1000);
  assert.equal((await runRetention(portal.ports)).mailBodies, 0);
  portal.clock.advance(2000);
  assert.equal((await runRetention(portal.ports)).mailBodies, 1);
});

test('expired captchas go, live ones stay', async () => {
  const now = portal.clock.now().getTime();
  await portal.db.insert(usedCaptchas).values([
    { signature: 'expired', expiresAt: new Date(now - 1000) },
    { signature: 'live', expiresAt: new Date(now + 60_000) },
  ]);
  assert.equal((await runRetention(portal.ports)).captchas, 1);
  const left = await portal.db.select().from(usedCaptchas);
  assert.deepEqual(
    left.map((row) => row.signature),
    ['live'],
  );
});

test('used and expired set-password links go a day after, live ones stay', async () => {
  const customer = await portal.createCustomer();
  const now = portal.clock.now().getTime();
  const link = (tokenHash: string, expiresIn: number, usedAgo?: number) => ({
    tokenHash,
    customerId: customer.id,
    tokenVersion: 0,
    createdAt: new Date(now - 3 * DAY),
    expiresAt: new Date(now + expiresIn),
    usedAt: usedAgo === undefined ? null : new Date(now - usedAgo),
  });
  await portal.db
    .insert(passwordResets)
    .values([
      link('used-two-days-ago', HOUR, 2 * DAY),
      link('expired-two-days-ago', -2 * DAY),
      link('used-an-hour-ago', HOUR, HOUR),
      link('live', HOUR),
    ]);
  assert.equal((await runRetention(portal.ports)).resetLinks, 2);
  const left = await portal.db.select({ hash: passwordResets.tokenHash }).from(passwordResets);
  assert.deepEqual(left.map((row) => row.hash).sort(), ['live', 'used-an-hour-ago']);
});

test('rate-limit windows that ended a day ago go, current ones stay', async () => {
  const now = portal.clock.now().getTime();
  await portal.db.insert(rateLimits).values([
    { key: 'login:old@example.com', count: 3, resetAt: new Date(now - DAY - 1000) },
    { key: 'login:now@example.com', count: 3, resetAt: new Date(now + 60_000) },
  ]);
  assert.equal((await runRetention(portal.ports)).rateLimits, 1);
  const left = await portal.db.select({ key: rateLimits.key }).from(rateLimits);
  assert.deepEqual(
    left.map((row) => row.key),
    ['login:now@example.com'],
  );
});

test("an upload's bytes without a row and half-written files go after a day; attachments stay", async () => {
  const customer = await portal.createCustomer();
  const session = await logIn(portal, customer.email, customer.password);
  const created = await session.createTicket(
    {},
    { name: 'screen.png', bytes: PNG, type: 'image/png' },
  );
  const ticket = (await created.json()) as TicketDetails;
  const [row] = await portal.db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(eq(attachments.id, ticket.attachments[0]!.id));
  const root = join(portal.dir, 'attachments');
  mkdirSync(join(root, 'tickets', 'interrupted'), { recursive: true });
  writeFileSync(join(root, 'tickets', 'interrupted', 'orphan'), 'bytes of an upload cut off');
  writeFileSync(join(root, 'tickets', 'interrupted', 'half.1234.partial'), 'half');

  // The test clock stands in the past of the files' times: move it a day past them.
  portal.clock.advance(Date.now() - portal.clock.now().getTime() + DAY + HOUR);
  const report = await runRetention(portal.ports);
  assert.equal(report.uploadLeftovers, 1);
  assert.equal(report.unfinishedWrites, 1);
  assert.deepEqual(readdirSync(join(root, 'tickets', 'interrupted')), []);
  assert.deepEqual(new Uint8Array(readFileSync(join(root, row!.key))), PNG);
});

test('uploads younger than RETENTION_UPLOAD_HOURS stay', async () => {
  const root = join(portal.dir, 'attachments');
  mkdirSync(join(root, 'tickets', 'in-flight'), { recursive: true });
  writeFileSync(join(root, 'tickets', 'in-flight', 'object'), 'bytes whose row is coming');
  portal.clock.advance(Date.now() - portal.clock.now().getTime() + 23 * HOUR);
  assert.equal((await runRetention(portal.ports)).uploadLeftovers, 0);
  assert.ok(existsSync(join(root, 'tickets', 'in-flight', 'object')));
});
