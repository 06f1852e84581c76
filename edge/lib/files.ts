/**
 * @module
 * What the portal accepts as an attachment, decided by the file's bytes (through `file-type`)
 * and not only by its name, checked as the bytes stream past; and how a customer's file name is
 * made safe to store and show.
 */
import { fileTypeFromBuffer } from 'file-type/core';

interface AllowedKind {
  /** The type the portal serves the file with; never the one the client sent. */
  contentType: string;
  /** What `file-type` may detect in the bytes; `text` means valid UTF-8 with no NUL byte. */
  detected: readonly string[] | 'text';
}

const OFFICE_ZIP = ['docx', 'xlsx', 'pptx', 'zip'];
const OLD_OFFICE = ['cfb'];

/** Documents, images (never SVG), plain text and archives, by lower-case extension. */
const ALLOWED: Record<string, AllowedKind> = {
  pdf: { contentType: 'application/pdf', detected: ['pdf'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: OFFICE_ZIP,
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: OFFICE_ZIP,
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    detected: OFFICE_ZIP,
  },
  doc: { contentType: 'application/msword', detected: OLD_OFFICE },
  xls: { contentType: 'application/vnd.ms-excel', detected: OLD_OFFICE },
  ppt: { contentType: 'application/vnd.ms-powerpoint', detected: OLD_OFFICE },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', detected: ['odt', 'zip'] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', detected: ['ods', 'zip'] },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', detected: ['odp', 'zip'] },
  rtf: { contentType: 'application/rtf', detected: ['rtf'] },
  png: { contentType: 'image/png', detected: ['png'] },
  jpg: { contentType: 'image/jpeg', detected: ['jpg'] },
  jpeg: { contentType: 'image/jpeg', detected: ['jpg'] },
  gif: { contentType: 'image/gif', detected: ['gif'] },
  webp: { contentType: 'image/webp', detected: ['webp'] },
  bmp: { contentType: 'image/bmp', detected: ['bmp'] },
  tif: { contentType: 'image/tiff', detected: ['tif'] },
  tiff: { contentType: 'image/tiff', detected: ['tif'] },
  txt: { contentType: 'text/plain; charset=utf-8', detected: 'text' },
  log: { contentType: 'text/plain; charset=utf-8', detected: 'text' },
  md: { contentType: 'text/plain; charset=utf-8', detected: 'text' },
  csv: { contentType: 'text/csv; charset=utf-8', detected: 'text' },
  json: { contentType: 'application/json', detected: 'text' },
  zip: { contentType: 'application/zip', detected: ['zip'] },
  '7z': { contentType: 'application/x-7z-compressed', detected: ['7z'] },
  rar: { contentType: 'application/vnd.rar', detected: ['rar'] },
  gz: { contentType: 'application/gzip', detected: ['gz'] },
  tgz: { contentType: 'application/gzip', detected: ['gz'] },
  tar: { contentType: 'application/x-tar', detected: ['tar'] },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * How many first bytes the type is told from: `file-type`'s own "reasonable detection size"
 * (exported by its code, not by its types), enough for every format on the allowlist.
 */
export const SNIFF_BYTES = 4100;

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
  const kind = ALLOWED[extensionOf(name)];
  if (!kind) return null;
  const detected = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  if (kind.detected === 'text') {
    const text = plainText(kind.contentType);
    return !detected && text.more(head) ? text : null;
  }
  return detected && kind.detected.includes(detected.ext) ? anyBytes(kind.contentType) : null;
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
    const ext = extensionOf(name);
    name = name.slice(0, 199 - ext.length) + (ext ? `.${ext}` : '');
  }
  return name || 'file';
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name per RFC 6266. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
