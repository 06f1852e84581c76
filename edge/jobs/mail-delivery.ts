/**
 * @module
 * Sends the mail outbox through the `Mailer` port, off the request path. Each due row is first
 * claimed (its attempt counted and a lease set, so overlapping runs never send it twice at
 * once), then sent, then marked `sent`, retried later with exponential backoff, or `dead` after
 * `MAIL_MAX_ATTEMPTS`. A crash mid-send leaves a claimed row that is due again when its lease
 * ends: a mail may then go out twice, never zero times.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import { mailOutbox } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { backoffMs } from '../webhooks/deliverer.ts';

/** How long a claimed row is left to its sender before another run may try it. */
const LEASE_MS = 5 * 60_000;
/** Mails per run: each costs a few subrequests on Workers; the rest waits for the next run. */
const MAX_PER_RUN = 50;

export interface MailReport {
  sent: number;
  retrying: number;
  dead: number;
}

/** Delivers every queued mail that is due now; returns what happened. */
export async function deliverDueMail(ports: Ports): Promise<MailReport> {
  const { db, clock, config, mailer } = ports;
  const report: MailReport = { sent: 0, retrying: 0, dead: 0 };
  const now = clock.now();
  const due = await db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(MAX_PER_RUN);
  for (const row of due) {
    const attempts = row.attempts + 1;
    const claimed = await db
      .update(mailOutbox)
      .set({ attempts, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(
        and(
          eq(mailOutbox.id, row.id),
          eq(mailOutbox.status, 'queued'),
          eq(mailOutbox.attempts, row.attempts),
        ),
      );
    if (claimed.rowsAffected !== 1) continue;
    let failure: string | null = null;
    try {
      await mailer.send({ to: row.to, subject: row.subject, text: row.text, html: row.html });
    } catch (error) {
      failure = (error as Error).message || String(error);
    }
    const mine = and(eq(mailOutbox.id, row.id), eq(mailOutbox.attempts, attempts));
    const settledAt = clock.now();
    if (!failure) {
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: settledAt, lastError: null })
        .where(mine);
      report.sent++;
      continue;
    }
    const dead = attempts >= config.MAIL_MAX_ATTEMPTS;
    // Never silent: the row keeps its last error, and the operator's log says so.
    if (dead) console.warn(`mail ${row.id} dead after ${attempts} attempts: ${failure}`);
    await db
      .update(mailOutbox)
      .set({
        status: dead ? 'dead' : 'queued',
        lastError: failure.slice(0, 500),
        nextAttemptAt: new Date(
          settledAt.getTime() + backoffMs(attempts, config.MAIL_BACKOFF_SECONDS),
        ),
      })
      .where(mine);
    report[dead ? 'dead' : 'retrying']++;
  }
  return report;
}
