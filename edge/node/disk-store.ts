/**
 * @module
 * The attachment store of the embedded default: files on local disk behind the same interface
 * as an R2 bucket. Node only.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AttachmentStore, StoredObject } from '../ports.ts';

/** Keys are made by the server; anything else is refused rather than mapped onto a path. */
const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export function diskStore(root: string): AttachmentStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new Error(`Unsafe storage key: ${key}`);
    return join(base, key);
  };
  const sizeOf = async (key: string) => {
    try {
      return (await stat(pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  return {
    async put(key, value) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Streamed to a name beside the object and renamed when complete, so a reader never gets
      // half a file, and a stream that fails (a refused upload) leaves nothing under the key.
      const partial = `${path}.${randomUUID()}.partial`;
      const source =
        value instanceof ReadableStream
          ? Readable.fromWeb(value as NodeReadableStream<Uint8Array>)
          : Readable.from([new Uint8Array(value)]);
      try {
        await pipeline(source, createWriteStream(partial));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key): Promise<StoredObject | null> {
      const size = await sizeOf(key);
      if (size === null) return null;
      const body = Readable.toWeb(createReadStream(pathOf(key))) as ReadableStream<Uint8Array>;
      return { body, size };
    },
    async head(key) {
      const size = await sizeOf(key);
      return size === null ? null : { size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const entries = await filesUnder(base);
      const keys: string[] = [];
      for (const entry of entries) {
        const key = relative(base, join(base, entry)).split(sep).join('/');
        // Folders and anything not shaped like a server-made key (`.partial` files) are not objects.
        if (!key.startsWith(prefix) || !SAFE_KEY.test(key)) continue;
        if ((await stat(join(base, entry))).isFile()) keys.push(key);
      }
      return keys.sort();
    },
    async keysWrittenBefore(prefix, before) {
      const keys: string[] = [];
      for (const key of await this.list!(prefix)) {
        if ((await stat(pathOf(key))).mtime < before) keys.push(key);
      }
      return keys;
    },
    async unfinishedWrites(before, remove) {
      let count = 0;
      for (const entry of await filesUnder(base)) {
        if (!entry.endsWith('.partial')) continue;
        const path = join(base, entry);
        if ((await stat(path)).mtime >= before) continue;
        if (remove) await rm(path, { force: true });
        count++;
      }
      return count;
    },
  };
}

async function filesUnder(base: string): Promise<string[]> {
  try {
    return await readdir(base, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
