/**
 * The attachment allowlist shared by the API and the widget (contract/attachment-types.ts): the
 * signatures the widget matches tell each kind of content as `file-type` (the API's detector)
 * does, and for every allowed extension and every sample the widget's verdict by first bytes is
 * the API's, so that the widget never refuses what the API accepts, nor lets through what the
 * API refuses by its bytes (ZIP-based documents aside: the widget sees only a ZIP).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type/core';
import {
  ALLOWED_TYPES,
  SIGNATURES,
  startsAllowed,
  startsAs,
  type ContentKind,
} from '../../contract/attachment-types.ts';
import { contentCheck } from '../../edge/lib/files.ts';
import { PDF, PNG } from '../support/files.ts';

const ascii = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

/** A format's first bytes followed by filler, as long as `file-type` reads. */
function padded(head: Uint8Array, length = 600): Uint8Array {
  const bytes = new Uint8Array(Math.max(length, head.length)).map((_, i) => 0x20 + (i % 50));
  bytes.set(head);
  return bytes;
}

const tar = new Uint8Array(1024);
tar.set(ascii('notes.txt'));
tar.set(ascii('ustar\x0000'), 257);

/** One real start of each kind of content the allowlist names, ZIP documents as a plain ZIP. */
const SAMPLES: Partial<Record<ContentKind, Uint8Array>> = {
  pdf: PDF,
  zip: padded(ascii('PK\x03\x04\x14\x00\x00\x00\x08\x00')),
  cfb: padded(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
  rtf: padded(ascii('{\\rtf1\\ansi Hola}')),
  png: PNG,
  jpg: padded(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0])),
  gif: padded(ascii('GIF89a\x01\x00\x01\x00')),
  webp: padded(ascii('RIFF\x24\x00\x00\x00WEBPVP8 ')),
  bmp: padded(ascii('BM\x36\x00\x00\x00')),
  tif: padded(ascii('II*\x00\x08\x00\x00\x00')),
  '7z': padded(Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])),
  rar: padded(ascii('Rar!\x1a\x07\x01\x00')),
  gz: new Uint8Array(gzipSync(Buffer.from('ping: timeout\n'.repeat(40)))),
  tar,
};

const OTHERS: Record<string, Uint8Array> = {
  text: new TextEncoder().encode('El router se reinicia solo cada noche. ¿Algún cambio?\n'),
  exe: padded(ascii('MZ\x90\x00\x03\x00\x00\x00\x04\x00')),
  html: new TextEncoder().encode('<!doctype html><script>alert(1)</script>'),
  latin1: Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
};

describe('attachment signatures', () => {
  for (const [kind, sample] of Object.entries(SAMPLES) as [ContentKind, Uint8Array][]) {
    test(`${kind}: file-type detects it, and only its own signature matches`, async () => {
      assert.equal((await fileTypeFromBuffer(sample))?.ext, kind);
      const matching = (Object.keys(SIGNATURES) as ContentKind[]).filter((other) =>
        startsAs(other, sample),
      );
      const expected =
        kind === 'zip' ? ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'] : [kind];
      assert.deepEqual(matching.sort(), expected.sort());
    });
  }

  test('every allowed extension: the widget decides as the API on every sample', async () => {
    const samples = { ...SAMPLES, ...OTHERS };
    const disagreements: string[] = [];
    for (const extension of Object.keys(ALLOWED_TYPES)) {
      for (const [name, head] of Object.entries(samples)) {
        const api = (await contentCheck(`file.${extension}`, head)) !== null;
        if (startsAllowed(extension, head) !== api) disagreements.push(`${name} as .${extension}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });
});
