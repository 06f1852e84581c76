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

export function r2Store(bucket: AttachmentStore): AttachmentStore {
  return {
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
