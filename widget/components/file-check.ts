/**
 * @module
 * What the widget checks about a file before uploading it: its size against the limits from
 * `GET /api/config`, its extension, and its first bytes against the contract's allowlist (the
 * API's own, see contract/attachment-types.ts). The API checks again, so this only spares the
 * customer a refused upload, and says at once which file is wrong and why.
 */
import { fileExtension, SNIFF_BYTES, startsAllowed } from '../../contract/attachment-types.ts';
import type { PublicConfig } from '../../contract/types.ts';

export { fileExtension };

export type FileLimits = PublicConfig['limits'];

/** `wrong_content`: the extension is allowed, but the bytes are not what it names. */
export type FileProblem = 'empty' | 'too_large' | 'wrong_type' | 'wrong_content';

async function contentMatches(file: File, extension: string): Promise<boolean> {
  try {
    const head = await file.slice(0, SNIFF_BYTES).arrayBuffer();
    return startsAllowed(extension, new Uint8Array(head));
  } catch {
    return true; // Unreadable here (moved or deleted): the upload itself will say so.
  }
}

export async function checkFile(file: File, limits: FileLimits): Promise<FileProblem | null> {
  const extension = fileExtension(file.name);
  if (!limits.attachmentExtensions.includes(extension)) return 'wrong_type';
  if (file.size > limits.maxAttachmentBytes) return 'too_large';
  if (file.size === 0) return 'empty';
  return (await contentMatches(file, extension)) ? null : 'wrong_content';
}

/** The value for an `<input type="file">`'s `accept` attribute. */
export function acceptAttribute(limits: FileLimits): string {
  return limits.attachmentExtensions.map((extension) => `.${extension}`).join(',');
}
