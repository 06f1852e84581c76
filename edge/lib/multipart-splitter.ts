/**
 * @module
 * The framing of a `multipart/form-data` body, pushed a chunk at a time: where each part's
 * headers and body are, without keeping any body. The boundary is found across chunk edges by
 * `multipasta`'s streaming search (Boyer-Moore-Horspool, `Buffer.indexOf` on Node), the part
 * that is easy to get wrong. Headers are read leniently, as the WHATWG form parser (`formData()`)
 * reads them: any byte but CR and LF in a value, so a file named with a NUL or in any script
 * reaches the name check instead of failing the form (multipasta's own parser refuses both).
 */
import { make as makeSearch } from 'multipasta/Search';

export interface SplitterEvents {
  /** A part begins; its headers by lower-case name. Its body follows through `body`. */
  part(headers: Record<string, string>): void;
  body(chunk: Uint8Array): void;
  partEnd(): void;
}

/** The body is not multipart framing; thrown by `write` or `end`. */
export class MalformedMultipart extends Error {}

const CRLF = Uint8Array.of(13, 10);
const HEADER_END = Uint8Array.of(13, 10, 13, 10);
const DASH = 45;
/** Far more than the headers of any form part; beyond it the body is not a form. */
const MAX_HEADER_BYTES = 16 * 1024;
const decoder = new TextDecoder();

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

function parseHeaders(block: Uint8Array): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of decoder.decode(block).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The boundary named by a `Content-Type` header, or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

/**
 * A push splitter: `write` each chunk of the body, then `end`. Events arrive synchronously from
 * `write`; the body chunks given are views of the chunks written, never copies of a whole part.
 */
export function multipartSplitter(boundary: string, on: SplitterEvents) {
  let current = 0;
  /** The bytes after the current boundary until its header block ends; null inside a body. */
  let head: Uint8Array | null = null;
  /** Where the boundary's own line ends in `head`, once seen. */
  let lineEnd = -1;
  let finished = false;

  const startPart = (bytes: Uint8Array) => {
    const before = head!.length;
    head = before ? concat(head!, bytes) : bytes;
    if (head.length >= 2 && head[0] === DASH && head[1] === DASH) {
      finished = true; // The closing boundary: what follows is the epilogue.
      return;
    }
    // Searched from where the last search stopped, so that headers cost linear time.
    if (lineEnd < 0) lineEnd = indexOf(head, CRLF, Math.max(0, before - 1));
    const blockEnd = lineEnd < 0 ? -1 : indexOf(head, HEADER_END, Math.max(lineEnd, before - 3));
    if (blockEnd < 0) {
      if (head.length > MAX_HEADER_BYTES) throw new MalformedMultipart('part headers too long');
      return;
    }
    if (decoder.decode(head.subarray(0, lineEnd)).trim() !== '') {
      throw new MalformedMultipart('text after a boundary');
    }
    on.part(parseHeaders(head.subarray(lineEnd + 2, Math.max(blockEnd, lineEnd + 2))));
    const rest = head.subarray(blockEnd + HEADER_END.length);
    head = null;
    if (rest.length) on.body(rest);
  };

  // `index` counts the boundaries seen: 0 is the preamble before the first one.
  const search = makeSearch(`\r\n--${boundary}`, (index, chunk) => {
    if (finished) return;
    if (index !== current) {
      if (current > 0 && head) throw new MalformedMultipart('part headers never ended');
      if (current > 0) on.partEnd();
      current = index;
      head = new Uint8Array(0);
      lineEnd = -1;
    }
    if (index === 0) return;
    if (head) startPart(chunk);
    else on.body(chunk);
  });
  // The first boundary opens the body, with no line break before it.
  search.write(CRLF);

  return {
    write: (chunk: Uint8Array) => {
      if (!finished) search.write(chunk);
    },
    /** Whether the closing boundary came; after `end`, a body without one is malformed. */
    get finished() {
      return finished;
    },
    end: () => {
      if (!finished) search.end();
      if (!finished) throw new MalformedMultipart('no closing boundary');
    },
  };
}
