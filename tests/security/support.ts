/**
 * @module
 * What the security suite shares: a fingerprint of the whole database (row counts and a checksum
 * of every table), so a refused request can be shown to have changed nothing, and the error
 * contract a refused request must keep to.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';
import { ERROR_STATUS, isErrorBody } from '../../contract/errors.ts';

/**
 * Tables a refused request may legitimately write: a failed login is counted toward the lockout
 * (that is the point of the rate limit), and nothing else.
 */
const COUNTERS = new Set(['rate_limits']);

export interface Fingerprint {
  counts: Record<string, number>;
  checksum: string;
}

export async function fingerprint(client: Client): Promise<Fingerprint> {
  const tables = await client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const { name, sql } of tables.rows) {
    const table = String(name);
    // A virtual table (the search index) is read through its shadow tables, listed here too.
    if (COUNTERS.has(table) || /^CREATE VIRTUAL/i.test(String(sql))) continue;
    // A table without rowid is scanned in its primary key's order.
    const order = /WITHOUT ROWID/i.test(String(sql)) ? '' : ' ORDER BY rowid';
    const rows = await client.execute(`SELECT * FROM "${table}"${order}`);
    counts[table] = rows.rows.length;
    hash.update(table);
    for (const row of rows.rows) hash.update(JSON.stringify(Object.values(row), bigints));
  }
  return { counts, checksum: hash.digest('hex') };
}

function bigints(_key: string, value: unknown) {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** A refusal as the contract promises: a 4xx, the JSON error shape, a code with its own status. */
export async function assertRefusal(response: Response, context: string) {
  const text = await response.text();
  assert.ok(
    response.status >= 400 && response.status < 500,
    `${context}: expected a 4xx, got ${response.status} ${text.slice(0, 300)}`,
  );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    assert.fail(`${context}: a ${response.status} that is not JSON: ${text.slice(0, 300)}`);
  }
  assert.ok(isErrorBody(body), `${context}: not the error shape: ${text.slice(0, 300)}`);
  assert.equal(
    response.status,
    ERROR_STATUS[body.error.code],
    `${context}: code ${body.error.code} with status ${response.status}`,
  );
  return body;
}
