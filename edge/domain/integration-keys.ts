/**
 * @module
 * Integration keys of the service desk: `spk_` and 32 random bytes. Only the SHA-256 of a key is
 * stored (a key this long needs no slow hash) with its first characters in clear for display;
 * the whole key is shown once, when it is made.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { integrationKeys, type IntegrationKeyRow } from '../db/schema.ts';
import { randomId, sha256Hex } from '../lib/encoding.ts';
import type { Database } from '../ports.ts';

const KEY_PREFIX = 'spk_';
/** `spk_` and 43 base64url characters (32 bytes). */
export const KEY_PATTERN = /^spk_[A-Za-z0-9_-]{43}$/;
const SHOWN = KEY_PREFIX.length + 8;

function hashKey(key: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(key));
}

export interface KeyInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

function toInfo(row: IntegrationKeyRow): KeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Makes a key; the returned `key` is the only time it exists in clear. */
export async function createIntegrationKey(
  db: Database,
  name: string,
  now: Date,
): Promise<KeyInfo & { key: string }> {
  const key = KEY_PREFIX + randomId(32);
  const [row] = await db
    .insert(integrationKeys)
    .values({
      id: `key_${randomId(9)}`,
      name,
      prefix: key.slice(0, SHOWN),
      keyHash: await hashKey(key),
      createdAt: now,
    })
    .returning();
  return { ...toInfo(row!), key };
}

/** Revokes a key by id or by its shown prefix; false when no live key matches. */
export async function revokeIntegrationKey(db: Database, idOrPrefix: string, now: Date) {
  const column = idOrPrefix.startsWith(KEY_PREFIX) ? integrationKeys.prefix : integrationKeys.id;
  const result = await db
    .update(integrationKeys)
    .set({ revokedAt: now })
    .where(and(eq(column, idOrPrefix), isNull(integrationKeys.revokedAt)));
  return result.rowsAffected > 0;
}

export async function listIntegrationKeys(db: Database): Promise<KeyInfo[]> {
  const rows = await db.select().from(integrationKeys).orderBy(asc(integrationKeys.createdAt));
  return rows.map(toInfo);
}

/** The live key row for a presented key, or null. The lookup is by hash, never by the key. */
export async function findLiveKey(db: Database, key: string): Promise<IntegrationKeyRow | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const [row] = await db
    .select()
    .from(integrationKeys)
    .where(and(eq(integrationKeys.keyHash, await hashKey(key)), isNull(integrationKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}
