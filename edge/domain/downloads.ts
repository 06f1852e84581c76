/**
 * @module
 * Serving one attachment of a ticket the caller may see: as a download that the browser may
 * neither sniff nor render, whoever asks (a customer or the desk); or, for PNG, JPEG, GIF and
 * WebP only (types decided by the bytes on upload), inline as a preview, still sandboxed and
 * never sniffed.
 */
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { attachments } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { attachmentDisposition } from '../lib/files.ts';
import { PREVIEW_TYPES } from './tickets.ts';

export async function attachmentDownload<E extends AppEnv>(
  c: Context<E>,
  ticketId: string,
  attachmentId: string,
  as: 'download' | 'preview' = 'download',
): Promise<Response> {
  const { db, store } = c.var.ports;
  const [file] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.ticketId, ticketId)))
    .limit(1);
  // A preview only of the image types whose bytes were checked on upload; for any other file
  // there is no preview at all, the same answer as a missing one.
  if (as === 'preview' && file && !PREVIEW_TYPES.includes(file.contentType)) {
    throw new ApiError('not_found');
  }
  const object = file && (await store.get(file.storageKey));
  if (!file || !object) throw new ApiError('not_found');
  return c.body(object.body, 200, {
    'Content-Type': file.contentType,
    'Content-Length': String(object.size),
    'Content-Disposition': as === 'preview' ? 'inline' : attachmentDisposition(file.name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
}
