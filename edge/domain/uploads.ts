/**
 * @module
 * Taking in one uploaded file as it streams: type checked from its first bytes and name, size
 * counted against the limit, bytes hashed and piped to the attachment store under a key the
 * server makes, so that no file is ever held whole in memory here. A file refused on the way is
 * aborted and leaves no object. The caller records the row in the same batch as the ticket
 * change, and removes the object again if that batch fails.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { AppConfig } from '../config.ts';
import { attachments } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { randomId, toHex } from '../lib/encoding.ts';
import { contentCheck, sanitizeFileName, SNIFF_BYTES } from '../lib/files.ts';
import type { AttachmentStore } from '../ports.ts';

export type StoredUpload = typeof attachments.$inferInsert;

/** A file part of a form, as the multipart parser hands it over. */
export interface IncomingFile {
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/** Where a file goes and who sent it when. */
export interface UploadTarget {
  ticketId: string;
  uploadedBy: string;
  at: Date;
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/** The file's first bytes: at least SNIFF_BYTES unless it is shorter (then all of it). */
async function readHead(reader: Reader): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const head = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    head.set(chunk, offset);
    offset += chunk.length;
  }
  return head;
}

/**
 * A refused file is still counted to its end (without keeping any of it): a file over the limit
 * is answered as too large, whatever else is wrong with it, as when the size was checked first.
 */
async function refuse(
  reader: Reader,
  seen: number,
  limit: number,
  reason: ApiError,
): Promise<never> {
  let size = seen;
  while (size <= limit) {
    const { done, value } = await reader.read();
    if (done) throw reason;
    size += value.length;
  }
  throw new ApiError('payload_too_large');
}

/**
 * Streams one file into the store and returns its row, or null for the empty file part a form
 * sends when no file was chosen. Throws `payload_too_large`, `unsupported_file_type` or
 * `validation_failed` with nothing stored.
 */
export async function storeUpload(
  store: AttachmentStore,
  config: AppConfig,
  file: IncomingFile,
  target: UploadTarget,
): Promise<StoredUpload | null> {
  const limit = config.MAX_ATTACHMENT_BYTES;
  const reader = file.body.getReader();
  const head = await readHead(reader);
  if (head.length === 0) {
    if (file.filename === '') return null;
    throw new ApiError('validation_failed', { file: 'required' });
  }
  const name = sanitizeFileName(file.filename);
  const check = await contentCheck(name, head);
  if (!check || head.length > limit) {
    return refuse(reader, head.length, limit, new ApiError('unsupported_file_type'));
  }

  const hash = sha256.create().update(head);
  let size = head.length;
  // Why the stream was aborted, when it was: the store only sees that it failed.
  let refusal: unknown;
  const checked = new ReadableStream<Uint8Array>(
    {
      start: (controller) => controller.enqueue(head),
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            if (!check.end()) throw new ApiError('unsupported_file_type');
            controller.close();
            return;
          }
          size += value.length;
          if (size > limit) throw new ApiError('payload_too_large');
          if (!check.more(value)) throw new ApiError('unsupported_file_type');
          hash.update(value);
          controller.enqueue(value);
        } catch (error) {
          refusal = error;
          throw error;
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );

  const id = randomId(18);
  const storageKey = `tickets/${target.ticketId}/${id}`;
  try {
    await store.put(storageKey, checked, { httpMetadata: { contentType: check.contentType } });
  } catch (error) {
    // Stores write aside and keep nothing of a failed stream; this makes sure of it.
    await store.delete(storageKey);
    throw refusal ?? error;
  }
  return {
    id,
    ticketId: target.ticketId,
    storageKey,
    name,
    size,
    contentType: check.contentType,
    sha256: toHex(hash.digest()),
    uploadedBy: target.uploadedBy,
    createdAt: target.at,
  };
}
