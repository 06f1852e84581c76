/**
 * @module
 * Multipart bodies: refused before they are read when they are not multipart or larger than an
 * attachment plus its form fields, then parsed by the platform's own `FormData` parser.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

/** Room for the text fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

export const multipartBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError('unsupported_media_type');
  }
  const limit = bodyLimit({
    maxSize: c.var.ports.config.MAX_ATTACHMENT_BYTES + FORM_OVERHEAD_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large');
    },
  });
  return limit(c, next);
});

/** The form's fields; a body that does not parse as a form is the client's mistake. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string | File>> {
  try {
    return await c.req.parseBody();
  } catch {
    throw new ApiError('validation_failed', { _: 'invalid' });
  }
}
