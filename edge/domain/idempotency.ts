/**
 * @module
 * Idempotency keys: a customer's write is claimed under its key before it runs, its answer kept
 * for 24 hours after; the same key meanwhile waits for the first request and gets its answer. A
 * request that fails gives its claim up, so the same key may try again.
 */
import type { ResultSet } from '@libsql/client';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { writeThenRead, type Write } from '../db/reads.ts';
import { idempotentRequests } from '../db/schema.ts';
import type { Database } from '../ports.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  customerId: string;
  key: string;
}

export interface StoredAnswer {
  status: number;
  body: string;
}

const row = (scope: IdempotencyScope) =>
  and(eq(idempotentRequests.customerId, scope.customerId), eq(idempotentRequests.key, scope.key));

/**
 * The writes that claim the key for a first request, to run in one transaction (alone, or with
 * the reads of the same round trip); `claimed` reads their results.
 */
export function claimWrites(db: Database, scope: IdempotencyScope, now: Date): Write[] {
  return [
    // The customer's expired keys go first, so an old key starts afresh.
    db
      .delete(idempotentRequests)
      .where(
        and(
          eq(idempotentRequests.customerId, scope.customerId),
          lt(idempotentRequests.expiresAt, now),
        ),
      ),
    db
      .insert(idempotentRequests)
      .values({ ...scope, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) })
      .onConflictDoNothing()
      .returning({ key: idempotentRequests.key }),
  ];
}

/** Whether `claimWrites` claimed the key; false when a request holds it or answered under it. */
export function claimed(results: ResultSet[]): boolean {
  return results[1]!.rows.length === 1;
}

export async function claimKey(db: Database, scope: IdempotencyScope, now: Date) {
  const [results] = await writeThenRead(db, claimWrites(db, scope, now), []);
  return claimed(results);
}

/** The answer given under the key; `running` while the first request runs; null when free. */
export async function answerUnder(
  db: Database,
  scope: IdempotencyScope,
): Promise<StoredAnswer | 'running' | null> {
  const [found] = await db
    .select({ status: idempotentRequests.status, body: idempotentRequests.body })
    .from(idempotentRequests)
    .where(row(scope))
    .limit(1);
  if (!found) return null;
  if (found.status === null) return 'running';
  return { status: found.status, body: found.body ?? '' };
}

export async function keepAnswer(db: Database, scope: IdempotencyScope, answer: StoredAnswer) {
  await db.update(idempotentRequests).set(answer).where(row(scope));
}

/** Gives up the claim of a request that failed (and so changed nothing). */
export async function releaseKey(db: Database, scope: IdempotencyScope) {
  await db.delete(idempotentRequests).where(and(row(scope), isNull(idempotentRequests.status)));
}
