/**
 * @module
 * What the widget checks about a file before uploading it, with the limits from
 * `GET /api/config`; the API checks again (and looks at the bytes), so this only spares the
 * customer a refused upload.
 */
import type { PublicConfig } from '../../contract/types.ts';

export type FileLimits = PublicConfig['limits'];

export type FileProblem = 'empty' | 'too_large' | 'wrong_type';

/** The lower-case extension of a file name, without the dot; empty when it has none. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function checkFile(file: File, limits: FileLimits): FileProblem | null {
  if (!limits.attachmentExtensions.includes(fileExtension(file.name))) return 'wrong_type';
  if (file.size > limits.maxAttachmentBytes) return 'too_large';
  if (file.size === 0) return 'empty';
  return null;
}

/** The value for an `<input type="file">`'s `accept` attribute. */
export function acceptAttribute(limits: FileLimits): string {
  return limits.attachmentExtensions.map((extension) => `.${extension}`).join(',');
}
