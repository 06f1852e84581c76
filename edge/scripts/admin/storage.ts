/**
 * @module
 * `storage:check [--repair]`: compares the attachments table with the attachment store. A row
 * without its object is data lost (reported, never "repaired" away); an object without a row is
 * what an upload interrupted between storing the bytes and committing its row leaves behind, and
 * `--repair` deletes those.
 */
import { eq } from 'drizzle-orm';
import { attachments } from '../../db/schema.ts';
import type { AttachmentStore, Clock, Database } from '../../ports.ts';
import type { AdminCommand } from './command.ts';
import { options } from './command.ts';

/** Every key the uploads make starts with this (see edge/domain/uploads.ts). */
const PREFIX = 'tickets/';
/** A half-written file older than this belongs to no upload still running. */
const UNFINISHED_WRITE_AGE_MS = 60 * 60 * 1000;

interface R2Listing {
  objects: { key: string }[];
  truncated: boolean;
  cursor?: string;
}

/** Keys of the store: its own `list`, or an R2 bucket's paged listing. */
async function listKeys(store: AttachmentStore): Promise<string[]> {
  if (store.list) return store.list(PREFIX);
  const bucket = store as unknown as {
    list?: (options: { prefix: string; cursor?: string }) => Promise<R2Listing>;
  };
  if (!bucket.list) throw new Error('This attachment store cannot list its keys');
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: PREFIX, cursor });
    keys.push(...page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys;
}

export interface StorageReport {
  rows: number;
  objects: number;
  /** Storage keys of rows whose bytes are missing: data lost. */
  rowsWithoutObject: string[];
  /** Keys stored with no row pointing at them: leftovers of interrupted uploads. */
  objectsWithoutRow: string[];
  /** Half-written files of uploads a crash cut off, older than an hour (deleted by a repair). */
  unfinishedWrites: number;
  repaired: number;
}

export async function checkStorage(
  { db, store, clock }: { db: Database; store: AttachmentStore; clock: Clock },
  repair = false,
): Promise<StorageReport> {
  const rows = await db.select({ key: attachments.storageKey }).from(attachments);
  const rowKeys = new Set(rows.map((row) => row.key));
  const objectKeys = new Set(await listKeys(store));
  const rowsWithoutObject = [...rowKeys].filter((key) => !objectKeys.has(key)).sort();
  const objectsWithoutRow = [...objectKeys].filter((key) => !rowKeys.has(key)).sort();
  let repaired = 0;
  if (repair) {
    for (const key of objectsWithoutRow) {
      // Checked again just before deleting: an upload may have committed its row meanwhile.
      const [row] = await db
        .select({ key: attachments.storageKey })
        .from(attachments)
        .where(eq(attachments.storageKey, key));
      if (row) continue;
      await store.delete(key);
      repaired++;
    }
  }
  const cutoff = new Date(clock.now().getTime() - UNFINISHED_WRITE_AGE_MS);
  const unfinishedWrites = (await store.unfinishedWrites?.(cutoff, repair)) ?? 0;
  return {
    rows: rowKeys.size,
    objects: objectKeys.size,
    rowsWithoutObject,
    objectsWithoutRow,
    unfinishedWrites,
    repaired,
  };
}

export const storageCommands: Record<string, AdminCommand> = {
  'storage:check': {
    usage: '[--repair]',
    summary:
      'Report attachment rows without stored bytes, stored bytes without a row and files half-written by a crash; --repair deletes the latter two.',
    async run(args, ports, out) {
      const { values } = options(args, { repair: { type: 'boolean' } });
      const report = await checkStorage(ports, values.repair === true);
      out.log(`Attachment rows: ${report.rows}, stored objects: ${report.objects}`);
      out.log(`Rows without object: ${report.rowsWithoutObject.length}`);
      for (const key of report.rowsWithoutObject) out.log(`  missing ${key}`);
      out.log(`Objects without row: ${report.objectsWithoutRow.length}`);
      for (const key of report.objectsWithoutRow) out.log(`  orphan ${key}`);
      out.log(`Unfinished writes older than an hour: ${report.unfinishedWrites}`);
      if (values.repair) {
        out.log(`Deleted ${report.repaired} objects without row`);
        out.log(`Deleted ${report.unfinishedWrites} unfinished writes`);
      }
      return report.rowsWithoutObject.length > 0 ? 2 : 0;
    },
  },
};
