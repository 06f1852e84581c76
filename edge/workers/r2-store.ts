/**
 * @module
 * The R2 bucket as the attachment store on Workers. R2's `put` takes a stream only when its
 * length is known (a request body with `Content-Length`, or a `FixedLengthStream`), and a file
 * cut out of a multipart form has none: its length is known only once it has all arrived. So a
 * file's stream is read into memory here, that one file only and once, after the checks of
 * edge/domain/uploads.ts have streamed past. That fits the platform: a Worker's request body is
 * at most 100 MB and a file at most MAX_ATTACHMENT_BYTES (10 MB), within a Worker's 128 MB.
 */
import type { AttachmentStore } from '../ports.ts';

/** The page of R2's `list` the store reads: keys and when each was uploaded. */
interface R2Listing {
  objects: { key: string; uploaded: Date }[];
  truncated: boolean;
  cursor?: string;
}

type R2Bucket = AttachmentStore & {
  list(options: { prefix: string; cursor?: string }): Promise<R2Listing>;
};

export function r2Store(bucket: AttachmentStore): AttachmentStore {
  const r2 = bucket as R2Bucket;
  return {
    async keysWrittenBefore(prefix, before) {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await r2.list({ prefix, cursor });
        for (const object of page.objects) if (object.uploaded < before) keys.push(object.key);
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return keys;
    },
    put: async (key, value, options) =>
      bucket.put(
        key,
        value instanceof ReadableStream ? await new Response(value).arrayBuffer() : value,
        options,
      ),
    get: (key) => bucket.get(key),
    head: (key) => bucket.head(key),
    delete: (key) => bucket.delete(key),
  };
}
