/**
 * @module
 * The attachment allowlist, one definition for the API and the widget: which extensions the
 * portal accepts, the type each is served with, which contents each may hold, and the first
 * bytes that tell those contents apart. The API detects the contents with `file-type` (which
 * also looks inside ZIP-based documents); the widget matches the signatures below, so that a
 * file the API would refuse by its bytes is refused before it is uploaded.
 */

/** Kinds of content, named as `file-type` detects them. */
export type ContentKind =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'zip'
  | 'cfb'
  | 'rtf'
  | 'png'
  | 'jpg'
  | 'gif'
  | 'webp'
  | 'bmp'
  | 'tif'
  | '7z'
  | 'rar'
  | 'gz'
  | 'tar';

export interface AllowedType {
  /** The type the portal serves the file with; never the one the client sent. */
  contentType: string;
  /** The contents the file may hold; `text` means valid UTF-8 with no NUL byte. */
  contents: readonly ContentKind[] | 'text';
}

const OFFICE_ZIP: ContentKind[] = ['docx', 'xlsx', 'pptx', 'zip'];
const OLD_OFFICE: ContentKind[] = ['cfb'];
const TEXT = 'text' as const;

/** Documents, images (never SVG), plain text and archives, by lower-case extension. */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = {
  pdf: { contentType: 'application/pdf', contents: ['pdf'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    contents: OFFICE_ZIP,
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contents: OFFICE_ZIP,
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    contents: OFFICE_ZIP,
  },
  doc: { contentType: 'application/msword', contents: OLD_OFFICE },
  xls: { contentType: 'application/vnd.ms-excel', contents: OLD_OFFICE },
  ppt: { contentType: 'application/vnd.ms-powerpoint', contents: OLD_OFFICE },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', contents: ['odt', 'zip'] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', contents: ['ods', 'zip'] },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', contents: ['odp', 'zip'] },
  rtf: { contentType: 'application/rtf', contents: ['rtf'] },
  png: { contentType: 'image/png', contents: ['png'] },
  jpg: { contentType: 'image/jpeg', contents: ['jpg'] },
  jpeg: { contentType: 'image/jpeg', contents: ['jpg'] },
  gif: { contentType: 'image/gif', contents: ['gif'] },
  webp: { contentType: 'image/webp', contents: ['webp'] },
  bmp: { contentType: 'image/bmp', contents: ['bmp'] },
  tif: { contentType: 'image/tiff', contents: ['tif'] },
  tiff: { contentType: 'image/tiff', contents: ['tif'] },
  txt: { contentType: 'text/plain; charset=utf-8', contents: TEXT },
  log: { contentType: 'text/plain; charset=utf-8', contents: TEXT },
  md: { contentType: 'text/plain; charset=utf-8', contents: TEXT },
  csv: { contentType: 'text/csv; charset=utf-8', contents: TEXT },
  json: { contentType: 'application/json', contents: TEXT },
  zip: { contentType: 'application/zip', contents: ['zip'] },
  '7z': { contentType: 'application/x-7z-compressed', contents: ['7z'] },
  rar: { contentType: 'application/vnd.rar', contents: ['rar'] },
  gz: { contentType: 'application/gzip', contents: ['gz'] },
  tgz: { contentType: 'application/gzip', contents: ['gz'] },
  tar: { contentType: 'application/x-tar', contents: ['tar'] },
};

/** Bytes that must appear at an offset; a string stands for its ASCII bytes. */
type Signature = readonly [offset: number, bytes: string | readonly number[]];

const ZIP: Signature[] = [[0, 'PK\x03\x04']];

/**
 * How each kind of content starts, as `file-type` checks it (one of the signatures must match).
 * ZIP-based documents share the ZIP signature: only the API tells them apart.
 */
export const SIGNATURES: Readonly<Record<ContentKind, readonly Signature[][]>> = {
  pdf: [[[0, '%PDF']]],
  zip: [ZIP],
  docx: [ZIP],
  xlsx: [ZIP],
  pptx: [ZIP],
  odt: [ZIP],
  ods: [ZIP],
  odp: [ZIP],
  cfb: [[[0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]]],
  rtf: [[[0, '{\\rtf']]],
  png: [[[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]]],
  jpg: [[[0, [0xff, 0xd8, 0xff]]]],
  gif: [[[0, 'GIF']]],
  webp: [
    [
      [0, 'RIFF'],
      [8, 'WEBP'],
    ],
  ],
  bmp: [[[0, 'BM']]],
  tif: [[[0, 'II*\0']], [[0, 'MM\0*']], [[0, 'II+\0']], [[0, 'MM\0+']]],
  '7z': [[[0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]]]],
  rar: [[[0, 'Rar!\x1a\x07\x00']], [[0, 'Rar!\x1a\x07\x01']]],
  gz: [[[0, [0x1f, 0x8b, 0x08]]]],
  tar: [[[257, 'ustar\0']], [[257, 'ustar ']]],
};

/**
 * How many first bytes a file's contents are told from: `file-type`'s own "reasonable detection
 * size" (exported by its code, not by its types), enough for every kind above (`tar`'s signature
 * is the farthest, at 257) and for a text file's start.
 */
export const SNIFF_BYTES = 4100;

/** The lower-case extension of a file name, without the dot; empty when it has none. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function bytesAt(head: Uint8Array, [offset, bytes]: Signature): boolean {
  const expected = typeof bytes === 'string' ? [...bytes].map((c) => c.charCodeAt(0)) : bytes;
  return expected.every((byte, i) => head[offset + i] === byte);
}

/** Whether `head` (a file's first bytes) starts as the kind of content does. */
export function startsAs(kind: ContentKind, head: Uint8Array): boolean {
  return SIGNATURES[kind].some((all) => all.every((signature) => bytesAt(head, signature)));
}

/** Valid UTF-8 with no NUL byte as far as `head` goes, and no binary kind's signature. */
function startsAsText(head: Uint8Array): boolean {
  const kinds = Object.keys(SIGNATURES) as ContentKind[];
  if (head.includes(0) || kinds.some((kind) => startsAs(kind, head))) return false;
  try {
    // `stream`: the head may end in the middle of a character.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a file with this extension may start with these bytes (its first SNIFF_BYTES): the
 * widget's check before upload. The API decides with `file-type`, which also looks inside ZIP
 * documents and checks a text file to its end.
 */
export function startsAllowed(extension: string, head: Uint8Array): boolean {
  const allowed = ALLOWED_TYPES[extension];
  if (!allowed) return false;
  return allowed.contents === 'text'
    ? startsAsText(head)
    : allowed.contents.some((kind) => startsAs(kind, head));
}
