/**
 * @module
 * What the portal accepts as an attachment (the allowlist of contract/attachment-types.ts),
 * decided by the file's bytes (through `file-type`) and not only by its name, checked as the bytes stream past; and how a customer's file name is
 * made safe to store and show.
 */
import { fileTypeFromBuffer } from 'file-type/core';
import { ALLOWED_TYPES, fileExtension, SNIFF_BYTES } from '../../contract/attachment-types.ts';

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_TYPES);

export { SNIFF_BYTES };

/** A file accepted so far, by its name and first bytes; the rest is checked as it arrives. */
export interface ContentCheck {
  /** The type to store and serve the file with; never the one the client sent. */
  contentType: string;
  /** The next bytes of the file: false when they make it unacceptable. */
  more(chunk: Uint8Array): boolean;
  /** After the last bytes: false when the file as a whole is unacceptable. */
  end(): boolean;
}

const anyBytes = (contentType: string): ContentCheck => ({
  contentType,
  more: () => true,
  end: () => true,
});

/** Valid UTF-8 with no NUL byte, to the last byte, decoded a chunk at a time. */
function plainText(contentType: string): ContentCheck {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decodes = (decode: () => unknown) => {
    try {
      decode();
      return true;
    } catch {
      return false;
    }
  };
  return {
    contentType,
    more: (chunk) => !chunk.includes(0) && decodes(() => decoder.decode(chunk, { stream: true })),
    end: () => decodes(() => decoder.decode()),
  };
}

/**
 * How the rest of the file is checked, or null when its name or its first bytes are not on the
 * allowlist, or do not agree with each other (a PNG named `.pdf`, HTML named `.png`). `head` is
 * the start of the file: its type is told from its first SNIFF_BYTES; a text file's whole head is
 * checked as text.
 */
export async function contentCheck(name: string, head: Uint8Array): Promise<ContentCheck | null> {
  const kind = ALLOWED_TYPES[fileExtension(name)];
  if (!kind) return null;
  const detected = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  if (kind.contents === 'text') {
    const text = plainText(kind.contentType);
    return !detected && text.more(head) ? text : null;
  }
  return detected && (kind.contents as readonly string[]).includes(detected.ext)
    ? anyBytes(kind.contentType)
    : null;
}

// Control characters, and the bidirectional and zero-width marks that disguise an extension.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name safe to store and display: no directories, no control or direction characters,
 * no leading dots, at most 200 characters, never empty.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(UNSAFE_CHARS, '')
    .replace(/^[\s.]+/, '')
    .trim();
  if (name.length > 200) {
    const ext = fileExtension(name);
    name = name.slice(0, 199 - ext.length) + (ext ? `.${ext}` : '');
  }
  return name || 'file';
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name per RFC 6266. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
