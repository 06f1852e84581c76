/**
 * @module
 * A `multipart/form-data` body read part by part as it arrives (framing: multipart-splitter.ts).
 * Text fields come out whole; a file comes out as a stream that pulls the request body only as
 * fast as its reader reads, so a file is never held in memory. Why not a parser library whole:
 * the well-kept ones on Web streams (`@remix-run/multipart-parser` among them) buffer each part,
 * busboy needs Node, and multipasta (whose boundary search this uses) fails the whole form on a
 * file name with a NUL or beyond Latin-1 in it, which `formData()` accepted.
 */
import { ApiError, BodyAbortedError } from '../errors.ts';
import { boundaryOf, MalformedMultipart, multipartSplitter } from './multipart-splitter.ts';

/** Room for the text fields and the multipart framing around a file. */
export const FORM_FIELDS_BYTES = 256 * 1024;
/** More parts than any form of the portal has fields, so many that it can only be abuse. */
const MAX_PARTS = 64;

export type FormPart =
  | { kind: 'field'; name: string; value: string }
  /** `body` must be read to its end, or left, before the next part is asked for. */
  | { kind: 'file'; name: string; filename: string; body: ReadableStream<Uint8Array> };

interface Disposition {
  name: string;
  filename?: string;
}

type ParserEvent =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; filename: string }
  | { kind: 'chunk'; chunk: Uint8Array }
  | { kind: 'end' };

const DISPOSITION_PARAM = /;\s*([^\s=;]+)\s*=\s*(?:"([^"]*)"|([^\s;"]*))\s*/y;
const ESCAPED = { '%0A': '\n', '%0D': '\r', '%22': '"' } as const;

/**
 * A part's field name and file name, read as the WHATWG form parser reads them (as `formData()`
 * did here before): quoted UTF-8 in which browsers write `"`, CR and LF as %22, %0D and %0A, or
 * an RFC 5987 `filename*`; leniently, as browsers' forms are not the only clients. Null when
 * it names no field.
 */
export function dispositionOf(value: string | undefined): Disposition | null {
  const type = /^\s*form-data\s*/i.exec(value ?? '');
  if (!value || !type) return null;
  const params: Record<string, string> = {};
  DISPOSITION_PARAM.lastIndex = type[0].length;
  for (let match; (match = DISPOSITION_PARAM.exec(value));) {
    const quoted = match[2]?.replace(/%0A|%0D|%22/g, (escape) => ESCAPED[escape as '%0A']);
    params[match[1]!.toLowerCase()] = quoted ?? match[3]!;
  }
  if (params.name === undefined) return null;
  return { name: params.name, filename: extendedFilename(params['filename*']) ?? params.filename };
}

function extendedFilename(value: string | undefined): string | undefined {
  const encoded = /^utf-8'[^']*'(.*)$/i.exec(value ?? '')?.[1];
  try {
    return encoded === undefined ? undefined : decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * The parts of a `multipart/form-data` request in order. Throws `payload_too_large` past
 * `maxBytes` of body, `validation_failed` for a body that is not a well-formed form (also from
 * inside a file's stream, whose reader sees it as the stream's error).
 */
export async function* formParts(request: Request, maxBytes: number): AsyncGenerator<FormPart> {
  // The splitter calls back synchronously from `write`; what it said waits here to be taken.
  const events: ParserEvent[] = [];
  const invalid = () => new ApiError('validation_failed', { _: 'invalid' });
  let failure: ApiError | undefined;
  let bodyEnded = false;
  let received = 0;
  let parts = 0;
  /** The text field being read, decoded as it comes. */
  let field: { name: string; value: string; size: number; decoder: TextDecoder } | null = null;
  const boundary = boundaryOf(request.headers.get('content-type') ?? '');
  const reader = request.body?.getReader();
  if (!boundary || !reader) throw invalid();
  // An aborted body also rejects `closed`, which no one awaits: workerd reported it as uncaught.
  reader.closed.catch(() => {});
  const splitter = multipartSplitter(boundary, {
    part(headers) {
      const part = dispositionOf(headers['content-disposition']);
      if (!part || ++parts > MAX_PARTS) throw invalid();
      if (part.filename !== undefined) {
        events.push({ kind: 'file', name: part.name, filename: part.filename });
      } else {
        field = { name: part.name, value: '', size: 0, decoder: new TextDecoder() };
      }
    },
    body(chunk) {
      if (!field) return void events.push({ kind: 'chunk', chunk });
      field.size += chunk.length;
      if (field.size > FORM_FIELDS_BYTES) throw new ApiError('payload_too_large');
      field.value += field.decoder.decode(chunk, { stream: true });
    },
    partEnd() {
      if (!field) return void events.push({ kind: 'end' });
      const value = field.value + field.decoder.decode();
      events.push({ kind: 'field', name: field.name, value });
      field = null;
    },
  });

  /** The next event, reading more of the body only when none is waiting. */
  const next = async (): Promise<ParserEvent | null> => {
    for (;;) {
      if (failure) throw failure;
      const event = events.shift();
      if (event) return event;
      if (splitter.finished || bodyEnded) return null;
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        // Caught here, where the body is read: left to the file's stream, it escaped as uncaught.
        failure = new BodyAbortedError(error);
        throw failure;
      }
      const { done, value } = read;
      try {
        if (done) {
          bodyEnded = true;
          splitter.end();
        } else {
          received += value.length;
          if (received > maxBytes) throw new ApiError('payload_too_large');
          splitter.write(value);
        }
      } catch (error) {
        if (error instanceof MalformedMultipart) failure = invalid();
        else if (error instanceof ApiError) failure = error;
        else throw error;
      }
    }
  };

  for (let event = await next(); event; event = await next()) {
    if (event.kind === 'field') {
      yield { kind: 'field', name: event.name, value: event.value };
    } else if (event.kind === 'file') {
      let open = true;
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const more = await next();
            if (more?.kind === 'chunk') {
              controller.enqueue(more.chunk);
            } else {
              open = false;
              controller.close();
            }
          },
        },
        // Nothing read ahead: the request is pulled exactly as fast as the file's reader reads.
        { highWaterMark: 0 },
      );
      yield { kind: 'file', name: event.name, filename: event.filename, body };
      // Whatever the reader left of this file is skipped, a chunk at a time.
      while (open) {
        const rest = await next();
        if (rest?.kind !== 'chunk') open = false;
      }
    }
  }
}
