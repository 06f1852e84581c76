/**
 * @module
 * Multipart bodies, read as they arrive: refused before they are read when they are not multipart
 * or say they are larger than an attachment plus its form fields, then read part by part
 * (edge/lib/form-parts.ts), the file streaming to the store, so no file is held in memory here.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { storeUpload, type StoredUpload, type UploadTarget } from '../domain/uploads.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { FORM_FIELDS_BYTES, formParts } from '../lib/form-parts.ts';

/** The most bytes a form may have, whatever its `Content-Length` says. */
const maxFormBytes = (maxAttachmentBytes: number) => maxAttachmentBytes + FORM_FIELDS_BYTES;

/** Objects stored while reading each request's form, to remove if the request fails. */
const storedBy = new WeakMap<Context, string[]>();

/**
 * For routes that take a form with a file (read with `readForm`). Not Hono's `bodyLimit`: without
 * a `Content-Length` it reads the whole body into memory before the route runs; the same limit is
 * counted by `formParts` as the body streams. The file is stored before the fields after it are
 * read and before the route has checked them, so any answer but a success removes it again.
 */
export const multipartBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError('unsupported_media_type');
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxFormBytes(c.var.ports.config.MAX_ATTACHMENT_BYTES)) {
    throw new ApiError('payload_too_large');
  }
  let succeeded = false;
  try {
    await next();
    succeeded = !c.error && c.res.ok;
  } finally {
    if (!succeeded) {
      for (const key of storedBy.get(c) ?? []) await c.var.ports.store.delete(key);
    }
  }
});

/**
 * The form of a request that passed `multipartBody`: its text fields (the last of a repeated
 * name wins) and its one file, streamed to the store as it arrives. Only the field `file` may
 * be a file; an empty `file` (nothing chosen) is no file.
 */
export async function readForm(
  c: Context<AppEnv>,
  target: UploadTarget,
): Promise<{ fields: Record<string, string>; upload: StoredUpload | null }> {
  const { store, config } = c.var.ports;
  const fields: Record<string, string> = {};
  let upload: StoredUpload | null = null;
  for await (const part of formParts(c.req.raw, maxFormBytes(config.MAX_ATTACHMENT_BYTES))) {
    if (part.kind === 'field') {
      if (part.name !== 'file') fields[part.name] = part.value;
      else if (part.value !== '') throw new ApiError('validation_failed', { file: 'invalid' });
    } else if (part.name !== 'file') {
      throw new ApiError('validation_failed', { [part.name]: 'unknown_field' });
    } else if (upload) {
      throw new ApiError('validation_failed', { file: 'invalid' });
    } else {
      upload = await storeUpload(store, config, part, target);
      if (upload) storedBy.set(c, [...(storedBy.get(c) ?? []), upload.storageKey]);
    }
  }
  return { fields, upload };
}
