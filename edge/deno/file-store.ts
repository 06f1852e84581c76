/**
 * @module
 * The attachment store on Deno: files under one folder, through Deno's own file APIs, behind the
 * same interface as an R2 bucket.
 */
import type { AttachmentStore, StoredObject } from '../ports.ts';
import { deno } from './deno-api.ts';

/** Keys are made by the server; anything else is refused rather than mapped onto a path. */
const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export function denoFileStore(root: string): AttachmentStore {
  const base = root.replace(/\/+$/, '');
  const pathOf = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new Error(`Unsafe storage key: ${key}`);
    return `${base}/${key}`;
  };
  const sizeOf = async (key: string) => {
    try {
      const info = await deno.stat(pathOf(key));
      return info.isFile ? info.size : null;
    } catch (error) {
      if (error instanceof deno.errors.NotFound) return null;
      throw error;
    }
  };
  return {
    async put(key, value) {
      const path = pathOf(key);
      await deno.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      // Streamed aside and renamed when complete, so a reader never gets half a file, and a
      // stream that fails (a refused upload) leaves nothing under the key.
      const partial = `${path}.${crypto.randomUUID()}.partial`;
      try {
        await deno.writeFile(
          partial,
          value instanceof ReadableStream ? value : new Uint8Array(value),
        );
        await deno.rename(partial, path);
      } catch (error) {
        // Absent when the write never began; the write's own error is the one to report.
        await deno.remove(partial).catch(() => {});
        throw error;
      }
    },
    async get(key): Promise<StoredObject | null> {
      const size = await sizeOf(key);
      if (size === null) return null;
      const file = await deno.open(pathOf(key), { read: true });
      return { body: file.readable, size };
    },
    async head(key) {
      const size = await sizeOf(key);
      return size === null ? null : { size };
    },
    async delete(key) {
      try {
        await deno.remove(pathOf(key));
      } catch (error) {
        if (!(error instanceof deno.errors.NotFound)) throw error;
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      const walk = async (dir: string, keyPrefix: string): Promise<void> => {
        try {
          for await (const entry of deno.readDir(dir)) {
            const key = `${keyPrefix}${entry.name}`;
            if (entry.isDirectory) await walk(`${dir}/${entry.name}`, `${key}/`);
            // Half-written `.partial` files fail SAFE_KEY: they are not objects yet.
            else if (entry.isFile && SAFE_KEY.test(key) && key.startsWith(prefix)) keys.push(key);
          }
        } catch (error) {
          if (!(error instanceof deno.errors.NotFound)) throw error;
        }
      };
      await walk(base, '');
      return keys.sort();
    },
    async keysWrittenBefore(prefix, before) {
      const keys: string[] = [];
      for (const key of await this.list!(prefix)) {
        const { mtime } = await deno.stat(pathOf(key));
        if (mtime && mtime < before) keys.push(key);
      }
      return keys;
    },
    async unfinishedWrites(before, remove) {
      let count = 0;
      const walk = async (dir: string): Promise<void> => {
        try {
          for await (const entry of deno.readDir(dir)) {
            const path = `${dir}/${entry.name}`;
            if (entry.isDirectory) await walk(path);
            else if (entry.isFile && entry.name.endsWith('.partial')) {
              const { mtime } = await deno.stat(path);
              if (!mtime || mtime >= before) continue;
              if (remove) await deno.remove(path);
              count++;
            }
          }
        } catch (error) {
          if (!(error instanceof deno.errors.NotFound)) throw error;
        }
      };
      await walk(base);
      return count;
    },
  };
}
