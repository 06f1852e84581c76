/**
 * @module
 * Fixed-window counters in `rate_limits`, one row per key: one statement counts the attempt and
 * starts a new window when the old one is over, so concurrent requests cannot both slip through.
 */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { Read } from '../db/reads.ts';
import type { Database } from '../ports.ts';

export interface Window {
  count: number;
  resetAt: Date;
}

/** Counts one attempt under `key` and returns the window's count so far. */
export async function countAttempt(
  db: Database,
  key: string,
  windowSeconds: number,
  now: Date,
): Promise<Window> {
  const resetAt = new Date(now.getTime() + windowSeconds * 1000);
  const expired = sql`${rateLimits.resetAt} <= ${now.getTime()}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        resetAt: sql`CASE WHEN ${expired} THEN ${resetAt.getTime()} ELSE ${rateLimits.resetAt} END`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
  return row!;
}

/** The window under the `key` placeholder still open at `now`; prepared once per runtime. */
const openWindow = (db: Database) =>
  db
    .select({ count: rateLimits.count, resetAt: rateLimits.resetAt })
    .from(rateLimits)
    .where(
      and(
        eq(rateLimits.key, sql.placeholder('key')),
        gt(rateLimits.resetAt, sql.placeholder('now')),
      ),
    )
    .limit(1)
    .prepare();

/** The current window under `key`, without counting (undefined when none is open): a read. */
export function currentWindowRead(db: Database, key: string, now: Date): Read<Window | undefined> {
  return preparedQuery(db, 'open window', openWindow).getRead({
    key,
    now: rateLimits.resetAt.mapToDriverValue(now),
  });
}

/** Removes the window under `key`: awaited, or sent in a batch. */
export function clearWindow(db: Database, key: string) {
  return db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops windows that are over, so the table stays small: awaited, or sent in a batch. */
export function dropExpiredWindows(db: Database, now: Date) {
  return db.delete(rateLimits).where(lt(rateLimits.resetAt, now));
}

export function secondsUntil(resetAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}
