/**
 * The streaming multipart reader (edge/lib/form-parts.ts, multipart-splitter.ts): the same parts
 * whatever the chunking, names in any script or with control characters read as sent, a file's
 * bytes pulled from the body only as its reader reads them, a file left unread skipped, and a
 * cut, malformed or oversized body refused with its code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../edge/errors.ts';
import { dispositionOf, formParts } from '../../edge/lib/form-parts.ts';
import { PNG } from '../support/files.ts';
import { chunked, multipart, streamedForm, type RawPart } from '../support/multipart.ts';

const request = (stream: ReadableStream<Uint8Array>) =>
  new Request('http://portal.test/api/tickets', streamedForm(stream));

/** Every part, files read to the end, as plain values to compare. */
async function readAll(stream: ReadableStream<Uint8Array>, maxBytes = 1 << 20) {
  const parts: (RawPart & { bytes?: Uint8Array })[] = [];
  for await (const part of formParts(request(stream), maxBytes)) {
    if (part.kind === 'field') parts.push({ name: part.name, value: part.value });
    else {
      const bytes = new Uint8Array(await new Response(part.body).arrayBuffer());
      parts.push({ name: part.name, filename: part.filename, bytes });
    }
  }
  return parts;
}

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return error.code;
  }
  assert.fail('not refused');
}

const bigFile = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256);

describe('form parts', () => {
  test('fields and a file come out the same whatever the chunk sizes', async () => {
    const form: RawPart[] = [
      { name: 'category', value: 'software.erp.error' },
      { name: 'description', value: 'Línea 1\r\nZażółć gęślą jaźń 😀' },
      { name: 'file', filename: 'captura.png', bytes: new Uint8Array([...PNG, 13, 10, 45, 45]) },
      { name: 'urgency', value: 'high' },
    ];
    const body = multipart(form);
    for (const size of [1, 2, 3, 5, 7, 16, 61, 64, 100, body.length]) {
      const parts = await readAll(chunked(body, size).stream);
      assert.deepEqual(
        parts,
        form.map((part) =>
          'bytes' in part ? { ...part, bytes: new Uint8Array(part.bytes as Uint8Array) } : part,
        ),
        `chunks of ${size}`,
      );
    }
  });

  test('names in any script, and the escapes browsers write, are read as sent', async () => {
    const parts = await readAll(
      chunked(
        multipart([
          { name: 'file', filename: 'Żółć 報告 invoice\u202Etxt.png', bytes: PNG },
          { name: 'file', filename: 'line%0D%0Abreak %22quoted%22.png', bytes: PNG },
          { name: 'file', filename: 'bad\u0000name\u0007.png', bytes: PNG },
        ]),
        1000,
      ).stream,
    );
    assert.deepEqual(
      parts.map((part) => 'filename' in part && part.filename),
      ['Żółć 報告 invoice\u202Etxt.png', 'line\r\nbreak "quoted".png', 'bad\u0000name\u0007.png'],
    );
    assert.deepEqual(dispositionOf(`form-data; name="file"; filename*=UTF-8''%E2%82%AC.pdf`), {
      name: 'file',
      filename: '€.pdf',
    });
    assert.equal(dispositionOf('form-data; filename="a.png"'), null);
    assert.equal(dispositionOf('attachment; name="a"'), null);
  });

  test('a file is pulled from the body only as fast as it is read', async () => {
    const body = multipart([
      { name: 'file', filename: 'big.bin', bytes: bigFile },
      { name: 'after', value: 'yes' },
    ]);
    const source = chunked(body, 1024);
    const parts = formParts(request(source.stream), 1 << 20);
    const first = (await parts.next()).value!;
    assert.equal(first.kind, 'file');
    const reader = first.kind === 'file' ? first.body.getReader() : assert.fail();
    await reader.read();
    await reader.read();
    assert.ok(source.pulled() < 10 * 1024, `read ahead ${source.pulled()} bytes`);
    reader.releaseLock();

    // Left unread, the rest of the file is skipped and the next part still comes.
    const next = (await parts.next()).value!;
    assert.deepEqual(next, { kind: 'field', name: 'after', value: 'yes' });
    assert.equal((await parts.next()).done, true);
  });

  test('a body cut short fails the file it was in; malformed or too large bodies are refused', async () => {
    const cut = multipart([{ name: 'file', filename: 'a.bin', bytes: bigFile }], { end: false });
    assert.equal(
      await refusal(() => readAll(chunked(cut.subarray(0, 50_000), 4096).stream)),
      'validation_failed',
    );
    const whole = multipart([{ name: 'file', filename: 'a.bin', bytes: bigFile }]);
    assert.equal(
      await refusal(() => readAll(chunked(whole, 4096).stream, 100_000)),
      'payload_too_large',
    );
    const nameless = new TextEncoder().encode(
      '--test-boundary-4c1d\r\nContent-Disposition: form-data\r\n\r\nx\r\n--test-boundary-4c1d--\r\n',
    );
    const unended = new TextEncoder().encode(
      '--test-boundary-4c1d\r\nContent-Disposition: form-data; name="a"\r\n--test-boundary-4c1d--\r\n',
    );
    for (const malformed of [nameless, unended]) {
      assert.equal(await refusal(() => readAll(chunked(malformed, 7).stream)), 'validation_failed');
    }
  });
});
