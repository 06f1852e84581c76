/**
 * @module
 * Multipart bodies written by hand, for tests that need what `FormData` does not give: parts in
 * any order, two files, a body cut short, and a body sent in chunks of a chosen size without a
 * `Content-Length`, counting how much of it the server has pulled.
 */

export type RawPart =
  { name: string; value: string } | { name: string; filename: string; bytes: Uint8Array | string };

export const BOUNDARY = 'test-boundary-4c1d';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

const encoder = new TextEncoder();

function concat(pieces: (Uint8Array | string)[]): Uint8Array<ArrayBuffer> {
  const bytes = pieces.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : piece));
  const out = new Uint8Array(bytes.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of bytes) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/** The parts framed as a browser frames them (names and file names as raw UTF-8). */
export function multipart(parts: RawPart[], { end = true } = {}): Uint8Array<ArrayBuffer> {
  const pieces: (Uint8Array | string)[] = [];
  for (const part of parts) {
    pieces.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`);
    if ('filename' in part) {
      pieces.push(`; filename="${part.filename}"\r\nContent-Type: application/octet-stream`);
    }
    pieces.push('\r\n\r\n', 'filename' in part ? part.bytes : part.value, '\r\n');
  }
  if (end) pieces.push(`--${BOUNDARY}--\r\n`);
  return concat(pieces);
}

/** The bytes as a stream of `chunkSize` pieces; `pulled()` says how many bytes were taken. */
export function chunked(bytes: Uint8Array, chunkSize: number) {
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + chunkSize));
        offset += chunkSize;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => Math.min(offset, bytes.length) };
}

/** Request options for a streamed multipart body (no `Content-Length`, as a chunked upload). */
export function streamedForm(stream: ReadableStream<Uint8Array>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': MULTIPART_TYPE },
    body: stream,
    duplex: 'half',
  } as RequestInit;
}
