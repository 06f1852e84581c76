/**
 * @module
 * Retention: what the portal no longer needs is removed on a schedule (hourly on Workers, every
 * RETENTION_INTERVAL_MINUTES on Node and Deno). Sent e-mails lose their subject and bodies, which
 * carry live links, after RETENTION_MAIL_BODY_DAYS (who, when and which template stay); expired
 * captchas go; used or expired set-password links and ended rate-limit windows go after their
 * period; the stored bytes of uploads that never committed their row, and half-written files,
 * go after RETENTION_UPLOAD_HOURS, on every store (R2 included).
 */
import { and, eq, inArray, isNotNull, lt, ne, or } from 'drizzle-orm';
import { attachments, mailOutbox, passwordResets, rateLimits, usedCaptchas } from '../db/schema.ts';
import type { Ports } from '../ports.ts';

/** Every key the uploads make starts with this (see edge/domain/uploads.ts). */
const UPLOAD_PREFIX = 'tickets/';
const DAY_MS = 86_400_000;
/** Keys checked against the attachments table per query. */
const KEYS_PER_QUERY = 100;

export interface RetentionReport {
  mailBodies: number;
  captchas: number;
  resetLinks: number;
  rateLimits: number;
  /** Stored bytes of uploads whose row was never committed. */
  uploadLeftovers: number;
  /** Half-written files of uploads a crash cut off (disk and Deno stores). */
  unfinishedWrites: number;
}

export async function runRetention(ports: Ports): Promise<RetentionReport> {
  const { db, config, store } = ports;
  const now = ports.clock.now();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const mailCutoff = daysAgo(config.RETENTION_MAIL_BODY_DAYS);
  const linkCutoff = daysAgo(config.RETENTION_RESET_LINK_DAYS);
  const [mail, captchas, links, limits] = await db.batch([
    db
      .update(mailOutbox)
      .set({ subject: '', text: '', html: '' })
      .where(
        and(
          or(
            and(isNotNull(mailOutbox.sentAt), lt(mailOutbox.sentAt, mailCutoff)),
            and(eq(mailOutbox.status, 'dead'), lt(mailOutbox.createdAt, mailCutoff)),
          ),
          ne(mailOutbox.text, ''),
        ),
      ),
    db.delete(usedCaptchas).where(lt(usedCaptchas.expiresAt, now)),
    db
      .delete(passwordResets)
      .where(or(lt(passwordResets.usedAt, linkCutoff), lt(passwordResets.expiresAt, linkCutoff))),
    db.delete(rateLimits).where(lt(rateLimits.resetAt, daysAgo(config.RETENTION_RATE_LIMIT_DAYS))),
  ]);

  const uploadCutoff = new Date(now.getTime() - config.RETENTION_UPLOAD_HOURS * 3_600_000);
  let uploadLeftovers = 0;
  const candidates = (await store.keysWrittenBefore?.(UPLOAD_PREFIX, uploadCutoff)) ?? [];
  for (let i = 0; i < candidates.length; i += KEYS_PER_QUERY) {
    const keys = candidates.slice(i, i + KEYS_PER_QUERY);
    const rows = await db
      .select({ key: attachments.storageKey })
      .from(attachments)
      .where(inArray(attachments.storageKey, keys));
    const kept = new Set(rows.map((row) => row.key));
    for (const key of keys.filter((key) => !kept.has(key))) {
      await store.delete(key);
      uploadLeftovers++;
    }
  }
  return {
    mailBodies: mail.rowsAffected,
    captchas: captchas.rowsAffected,
    resetLinks: links.rowsAffected,
    rateLimits: limits.rowsAffected,
    uploadLeftovers,
    unfinishedWrites: (await store.unfinishedWrites?.(uploadCutoff, true)) ?? 0,
  };
}
