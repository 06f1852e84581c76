/**
 * @module
 * The attachment store of the embedded default: files on local disk behind the same interface
 * as an R2 bucket. Node only.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
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
      const data =
        value instanceof ReadableStream
          ? Readable.fromWeb(value as import('node:stream/web').ReadableStream)
          : new Uint8Array(value);
      await writeFile(path, data);
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
      let entries: string[];
      try {
        entries = await readdir(base, { recursive: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const keys: string[] = [];
      for (const entry of entries) {
        const key = relative(base, join(base, entry)).split(sep).join('/');
        // Folders and anything not shaped like a server-made key are not objects.
        if (!key.startsWith(prefix) || !SAFE_KEY.test(key)) continue;
        if ((await stat(join(base, entry))).isFile()) keys.push(key);
      }
      return keys.sort();
    },
  };
}
