import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PDF, PNG } from '../support/files.ts';
import { proposeSolution } from '../support/desk.ts';

let portal: TestPortal;
let session: CustomerSession;
before(async () => {
  portal = await startPortal();
  const customer = await portal.createCustomer();
  session = await logIn(portal, customer.email, customer.password);
});
after(() => portal.close());

function upload(
  number: number,
  name: string,
  bytes: Uint8Array<ArrayBuffer> | string,
  extra: Record<string, string> = {},
) {
  const form = new FormData();
  form.set('file', new File([bytes], name));
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  return session.request(apiPath(ROUTES.attachments, { number }), { method: 'POST', body: form });
}

describe('attachments', () => {
  test('a file added to an open ticket downloads byte for byte, as a download only', async () => {
    const ticket = await session.newTicket();
    const response = await upload(ticket.number, 'factura.pdf', PDF);
    assert.equal(response.status, 201);
    const details = (await response.json()) as TicketDetails;
    const file = details.attachments[0]!;
    assert.equal(file.contentType, 'application/pdf');
    assert.equal(details.timeline.at(-1)!.kind, 'attachment_added');
    assert.match(file.id, /^[A-Za-z0-9_-]{22,}$/, 'ids carry at least 128 random bits');

    const download = await session.request(
      apiPath(ROUTES.attachment, { number: ticket.number, id: file.id }),
    );
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PDF);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('content-security-policy')!, /sandbox/);
    assert.equal(
      download.headers.get('content-disposition'),
      `attachment; filename="factura.pdf"; filename*=UTF-8''factura.pdf`,
    );
  });

  test('path traversal, control and direction characters never reach the stored name', async () => {
    const ticket = await session.newTicket();
    const cases: [string, string][] = [
      ['../../etc/passwd.txt', 'passwd.txt'],
      ['..\\..\\boot.ini.txt', 'boot.ini.txt'],
      ['invoice\u202Etxt.exe.png', 'invoicetxt.exe.png'],
      ['line\r\nbreak.png', 'linebreak.png'],
      ['.hidden.png', 'hidden.png'],
    ];
    for (const [raw, expected] of cases) {
      const bytes = raw.endsWith('.txt') ? 'text' : PNG;
      const response = await upload(ticket.number, raw, bytes);
      assert.equal(response.status, 201, raw);
      const details = (await response.json()) as TicketDetails;
      assert.equal(details.attachments.at(-1)!.name, expected);
    }
    const download = await session.request(
      apiPath(ROUTES.attachment, {
        number: ticket.number,
        id: (await (await session.ticket(ticket.number)).json()).attachments[2].id,
      }),
    );
    assert.equal(
      download.headers.get('content-disposition'),
      `attachment; filename="invoicetxt.exe.png"; filename*=UTF-8''invoicetxt.exe.png`,
    );
  });

  test('one file per request, required, and no other fields', async () => {
    const ticket = await session.newTicket();
    const none = await session.request(apiPath(ROUTES.attachments, { number: ticket.number }), {
      method: 'POST',
      body: new FormData(),
    });
    assert.deepEqual((await none.json()).error.fields, { file: 'required' });
    const extra = await upload(ticket.number, 'a.png', PNG, { ticketId: 'x' });
    assert.deepEqual((await extra.json()).error.fields, { ticketId: 'unknown_field' });
  });

  test('a closed ticket takes no more files', async () => {
    const ticket = await session.newTicket();
    await proposeSolution(portal, ticket.number, 'Done.');
    await session.request(apiPath(ROUTES.accept, { number: ticket.number }), { method: 'POST' });
    const response = await upload(ticket.number, 'late.png', PNG);
    assert.equal(response.status, 409);
  });

  test('an unknown attachment id is not found', async () => {
    const ticket = await session.newTicket();
    const response = await session.request(
      apiPath(ROUTES.attachment, { number: ticket.number, id: 'AAAAAAAAAAAAAAAAAAAAAAAA' }),
    );
    assert.equal(response.status, 404);
  });
});
