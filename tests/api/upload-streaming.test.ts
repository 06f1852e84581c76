/**
 * Uploads as they stream (edge/domain/uploads.ts): a file is checked while it arrives, so a file
 * over the limit sent without `Content-Length` is refused before the server has read it all,
 * text turns out not to be text past its first bytes, fields after the file still count, and
 * whatever is refused leaves no object (nor half-written file) and no row behind.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { attachments, tickets } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PNG } from '../support/files.ts';
import { chunked, multipart, streamedForm, type RawPart } from '../support/multipart.ts';

const LIMIT = 64 * 1024;
let portal: TestPortal;
let session: CustomerSession;
before(async () => {
  portal = await startPortal({ MAX_ATTACHMENT_BYTES: String(LIMIT) });
  const customer = await portal.createCustomer();
  session = await logIn(portal, customer.email, customer.password);
});
after(() => portal.close());

/** Rows, and every file in the attachments folder (objects and anything half-written). */
async function storedState() {
  const [ticketCount] = await portal.db.select({ n: count() }).from(tickets);
  const [fileCount] = await portal.db.select({ n: count() }).from(attachments);
  let files = 0;
  try {
    files = readdirSync(join(portal.dir, 'attachments'), {
      recursive: true,
      withFileTypes: true,
    }).filter((entry) => entry.isFile()).length;
  } catch {}
  return { tickets: ticketCount!.n, attachments: fileCount!.n, files };
}

const ticketFields: RawPart[] = [
  { name: 'category', value: 'software.erp.error' },
  { name: 'urgency', value: 'high' },
  { name: 'description', value: 'Streaming upload.' },
];

function send(path: string, parts: RawPart[], chunkSize = 8 * 1024) {
  const source = chunked(multipart(parts), chunkSize);
  return { response: session.request(path, streamedForm(source.stream)), pulled: source.pulled };
}

async function refusedWith(response: Response | Promise<Response>, status: number, code: string) {
  const answer = await response;
  assert.equal(answer.status, status);
  assert.equal((await answer.json()).error.code, code);
}

const pngOf = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(PNG);
  return bytes;
};

describe('uploads as they stream', () => {
  test('a file over the limit without Content-Length is refused before it has all been read', async () => {
    const before = await storedState();
    const sent = send(ROUTES.tickets, [
      ...ticketFields,
      { name: 'file', filename: 'huge.png', bytes: pngOf(2 * 1024 * 1024) },
    ]);
    await refusedWith(sent.response, 413, 'payload_too_large');
    // Read up to the limit and a chunk or two past it, not on to the form's whole allowance.
    assert.ok(sent.pulled() < LIMIT + 64 * 1024, `the server read ${sent.pulled()} bytes`);
    assert.deepEqual(await storedState(), before);
  });

  test('text that stops being text after its first bytes is refused, nothing kept', async () => {
    const before = await storedState();
    const lines = 'una línea de registro\n'.repeat(2000);
    const withNul = new TextEncoder().encode(`${lines}\u0000${lines}`.slice(0, LIMIT - 10));
    const cutCharacter = new TextEncoder().encode(`${lines}é`).slice(0, -1);
    for (const bytes of [withNul, cutCharacter]) {
      const sent = send(ROUTES.tickets, [
        ...ticketFields,
        { name: 'file', filename: 'app.log', bytes },
      ]);
      await refusedWith(sent.response, 415, 'unsupported_file_type');
    }
    assert.deepEqual(await storedState(), before);

    // A character split between two chunks is still text.
    const split = send(
      ROUTES.tickets,
      [...ticketFields, { name: 'file', filename: 'app.log', bytes: `${lines}é and more` }],
      4097,
    );
    assert.equal((await split.response).status, 201);
  });

  test('the file may come first; fields after it are still checked, and a refusal removes it', async () => {
    const before = await storedState();
    const file: RawPart = { name: 'file', filename: 'first.png', bytes: pngOf(30_000) };
    const refused = send(ROUTES.tickets, [
      file,
      ...ticketFields.slice(1),
      { name: 'category', value: 'no.such.category' },
    ]);
    assert.equal((await refused.response).status, 400);
    const twoFiles = send(ROUTES.tickets, [...ticketFields, file, { ...file, filename: 'b.png' }]);
    await refusedWith(twoFiles.response, 400, 'validation_failed');
    assert.deepEqual(await storedState(), before);

    const accepted = await send(ROUTES.tickets, [file, ...ticketFields]).response;
    assert.equal(accepted.status, 201);
    const ticket = (await accepted.json()) as TicketDetails;
    assert.deepEqual(
      ticket.attachments.map((a) => [a.name, a.size]),
      [['first.png', 30_000]],
    );
  });

  test('a body cut off in the middle of the file leaves nothing', async () => {
    const ticket = await session.newTicket();
    const before = await storedState();
    const body = multipart([{ name: 'file', filename: 'cut.png', bytes: pngOf(40_000) }], {
      end: false,
    });
    const source = chunked(body.subarray(0, 20_000), 4096);
    const response = await session.request(
      apiPath(ROUTES.attachments, { number: ticket.number }),
      streamedForm(source.stream),
    );
    assert.equal(response.status, 400);
    assert.deepEqual(await storedState(), before);
  });
});
