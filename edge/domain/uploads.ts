/**
 * @module
 * Taking in one uploaded file: size and type checked against the limits, bytes hashed and put in
 * the attachment store under a key the server makes. The caller records the row in the same
 * batch as the ticket change, and removes the object again if that batch fails.
 */
import type { AppConfig } from '../config.ts';
import { attachments } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { randomId, sha256Hex } from '../lib/encoding.ts';
import { acceptedContentType, sanitizeFileName } from '../lib/files.ts';
import type { AttachmentStore } from '../ports.ts';

export type StoredUpload = typeof attachments.$inferInsert;

/** Reads a multipart field that must be a file, or nothing. */
export function fileField(value: unknown, field: string): File | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof File) return value.size === 0 && value.name === '' ? null : value;
  throw new ApiError('validation_failed', { [field]: 'invalid' });
}

export async function storeUpload(
  store: AttachmentStore,
  config: AppConfig,
  file: File,
  ticketId: string,
  uploadedBy: string,
  at: Date,
): Promise<StoredUpload> {
  if (file.size > config.MAX_ATTACHMENT_BYTES) throw new ApiError('payload_too_large');
  const name = sanitizeFileName(file.name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new ApiError('validation_failed', { file: 'required' });
  const contentType = await acceptedContentType(name, bytes);
  if (!contentType) throw new ApiError('unsupported_file_type');

  const id = randomId(18);
  const storageKey = `tickets/${ticketId}/${id}`;
  await store.put(storageKey, bytes, { httpMetadata: { contentType } });
  return {
    id,
    ticketId,
    storageKey,
    name,
    size: bytes.length,
    contentType,
    sha256: await sha256Hex(bytes),
    uploadedBy,
    createdAt: at,
  };
}
