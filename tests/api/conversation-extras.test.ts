import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskTicketDetails, DeskTicketPage } from '../../contract/desk-types.ts';
import { LANGUAGES, type Language } from '../../contract/domain.ts';
import { linkify } from '../../contract/linkify.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import { ticketTitle } from '../../contract/ticket-title.ts';
import type { TicketDetails, TicketPage } from '../../contract/types.ts';
import { mailOutbox, tickets } from '../../edge/db/schema.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { HTML, PDF, PNG, SVG } from '../support/files.ts';
import { DeskClient, startDesk } from '../desk/support.ts';

const PORTAL_URL = 'https://shop.example.com/support/';

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
before(async () => {
  ({ portal, desk } = await startDesk({ PORTAL_URL }));
  const created = await portal.createCustomer({ name: 'Pau Serra', language: 'en' });
  customer = await logIn(portal, created.email, created.password);
});
after(() => portal.close());

const LONG =
  'The invoices exported from the ERP on the first working day of every month come out without their VAT lines';

describe('titles', () => {
  test('the first line, cut at a word to 80 characters, stored on write and shown everywhere', async () => {
    const created = await customer.newTicket({ description: `${LONG}\nMore detail.` });
    const title =
      'The invoices exported from the ERP on the first working day of every month come…';
    assert.equal(created.title, title);
    const list = (await (await customer.request(ROUTES.tickets)).json()) as TicketPage;
    assert.equal(list.items.find((item) => item.number === created.number)?.title, title);
    const desked = await desk.json<DeskTicketDetails>(
      'GET',
      apiPath(DESK_ROUTES.ticket, { number: created.number }),
    );
    assert.equal(desked.title, title);
    const deskList = await desk.json<DeskTicketPage>('GET', `${DESK_ROUTES.tickets}?order=desc`);
    assert.equal(deskList.items.find((item) => item.number === created.number)?.title, title);
    const [row] = await portal.db
      .select({ title: tickets.title })
      .from(tickets)
      .where(eq(tickets.number, created.number));
    assert.equal(row?.title, title);
  });

  test('the migration’s SQL gives older tickets the same titles as the code', async () => {
    const backfill = readFileSync(
      new URL('../../migrations/0013_conversation_backfill.sql', import.meta.url),
      'utf8',
    ).split('--> statement-breakpoint')[0]!;
    const samples = [
      'Short one',
      '  Spaces around  \nsecond line',
      'Windows line\r\nnext',
      'x'.repeat(100),
      `${'a'.repeat(79)} bc and more words after the limit`,
      `${'word '.repeat(30)}`.trim(),
      'Ñandú con acentos y emoji 🙂 '.repeat(5).trim(),
      LONG,
    ];
    const numbers: number[] = [];
    for (const description of samples) {
      numbers.push((await customer.newTicket({ description })).number);
    }
    await portal.db.update(tickets).set({ title: '' });
    await portal.client.execute(backfill);
    for (const [index, number] of numbers.entries()) {
      const [row] = await portal.db
        .select({ title: tickets.title, description: tickets.description })
        .from(tickets)
        .where(eq(tickets.number, number));
      assert.equal(row?.title, ticketTitle(row!.description), samples[index]);
    }
    assert.equal(ticketTitle('x'.repeat(100)), `${'x'.repeat(80)}…`);
  });
});

describe('the acknowledgement e-mail', () => {
  const SUBJECTS: Record<Language, string> = {
    es: 'Hemos recibido su ticket',
    pt: 'Recebemos o seu pedido',
    en: 'We have received your ticket',
    fr: 'Nous avons bien reçu votre demande',
    it: 'Abbiamo ricevuto il Suo ticket',
    ca: 'Hem rebut el seu tiquet',
  };

  test('in each of the six languages: number, title, first response due and a link', async () => {
    for (const language of LANGUAGES) {
      const login = await portal.createCustomer({ language, name: `Reader ${language}` });
      const session = await logIn(portal, login.email, login.password);
      const { number } = await session.newTicket({
        description: 'Printer <b>jammed</b>\nDetails',
        urgency: 'critical',
      });
      const mails = await portal.db.select().from(mailOutbox).where(eq(mailOutbox.to, login.email));
      assert.equal(mails.length, 1, language);
      const [mail] = mails;
      assert.equal(mail!.subject, `${SUBJECTS[language]} ${number} – Printer <b>jammed</b>`);
      assert.ok(mail!.text.includes('Printer <b>jammed</b>'), language);
      assert.ok(mail!.html.includes('Printer &lt;b&gt;jammed&lt;/b&gt;'), language);
      assert.ok(!mail!.html.includes('<b>jammed'), language);
      assert.ok(mail!.text.includes(`${PORTAL_URL}#sp/ticket/${number}`), language);
      // Critical: two hours after 09:00 UTC, the test clock's time.
      assert.match(mail!.text, /11:00(\sAM)? UTC/, language);
    }
  });

  test('colleagues in copy get it too; not whoever turned e-mail off', async () => {
    const organization = `Org ${crypto.randomUUID().slice(0, 6)}`;
    const requester = await portal.createCustomer({ organization, language: 'fr' });
    const colleague = await portal.createCustomer({ organization, language: 'it' });
    const quiet = await portal.createCustomer({ organization, language: 'es' });
    const quietSession = await logIn(portal, quiet.email, quiet.password);
    await quietSession.json(ROUTES.me, 'PATCH', { notifications: false });
    const session = await logIn(portal, requester.email, requester.password);
    const { number } = await session.newTicket({ colleagues: `${colleague.id},${quiet.id}` });
    const to = async (email: string) =>
      (await portal.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).map(
        (mail) => mail.subject,
      );
    assert.deepEqual(await to(requester.email), [
      `Nous avons bien reçu votre demande ${number} – The ERP shows error 4012.`,
    ]);
    assert.deepEqual(await to(colleague.email), [
      `Abbiamo ricevuto il Suo ticket ${number} – The ERP shows error 4012.`,
    ]);
    assert.deepEqual(await to(quiet.email), []);

    // The requester with e-mail off gets none either.
    const quietRequest = await quietSession.newTicket();
    assert.ok(quietRequest.number > number);
    assert.deepEqual(await to(quiet.email), []);
  });
});

describe('image previews', () => {
  const preview = (number: number, id: string, session = customer) =>
    session.request(apiPath(ROUTES.attachmentPreview, { number, id }));

  test('a PNG is served inline, never sniffed, sandboxed', async () => {
    const created = await customer.createTicket({}, { name: 'shot.png', bytes: PNG });
    const ticket = (await created.json()) as TicketDetails;
    const [file] = ticket.attachments;
    assert.equal(file?.previewable, true);
    const response = await preview(ticket.number, file!.id);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('content-disposition'), 'inline');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), PNG);
  });

  test('every other type has no preview: the same 404 as a missing file', async () => {
    const others: [string, Uint8Array<ArrayBuffer> | string][] = [
      ['doc.pdf', PDF],
      ['notes.txt', 'plain <script>alert(1)</script>'],
      ['data.json', '{"a":1}'],
      ['table.csv', 'a,b\n1,2'],
    ];
    const missing = await preview(1001, 'no-such-file');
    const missingBody = await missing.text();
    for (const [name, bytes] of others) {
      const ticket = (await (
        await customer.createTicket({}, { name, bytes })
      ).json()) as TicketDetails;
      const [file] = ticket.attachments;
      assert.equal(file?.previewable, false, name);
      const response = await preview(ticket.number, file!.id);
      assert.equal(response.status, 404, name);
      assert.equal(await response.text(), missingBody);
      // Still downloadable, as an attachment.
      const download = await customer.request(
        apiPath(ROUTES.attachment, { number: ticket.number, id: file!.id }),
      );
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
    }
    // SVG and HTML never get in at all, whatever they are named.
    for (const [name, bytes] of [
      ['x.svg', SVG],
      ['x.png', HTML],
    ] as const) {
      assert.equal((await customer.createTicket({}, { name, bytes })).status, 415, name);
    }
  });

  test('another customer’s image preview is not found', async () => {
    const ticket = (await (
      await customer.createTicket({}, { name: 'shot.png', bytes: PNG })
    ).json()) as TicketDetails;
    const other = await portal.createCustomer();
    const session = await logIn(portal, other.email, other.password);
    const response = await preview(ticket.number, ticket.attachments[0]!.id, session);
    assert.equal(response.status, 404);
  });
});

describe('search by title and category', () => {
  test('"vpn" finds a ticket filed under Red y VPN whose text never says so; titles match', async () => {
    const login = await portal.createCustomer({ language: 'es' });
    const session = await logIn(portal, login.email, login.password);
    const vpn = await session.newTicket({
      category: 'infra.network.vpn',
      description: 'No conecta desde casa',
    });
    const erp = await session.newTicket({ description: 'Facturas sin IVA\nDesde ayer' });
    const search = async (q: string) =>
      (
        (await (
          await session.request(`${ROUTES.ticketSearch}?q=${encodeURIComponent(q)}`)
        ).json()) as TicketPage
      ).items.map((item) => [item.number, item.title, item.status]);
    assert.deepEqual(await search('vpn'), [[vpn.number, 'No conecta desde casa', 'new']]);
    assert.deepEqual(await search('Red casa'), [[vpn.number, 'No conecta desde casa', 'new']]);
    assert.deepEqual(await search('red ayer'), []);
    assert.deepEqual(await search('facturas'), [[erp.number, 'Facturas sin IVA', 'new']]);
    // Labels in any language, accents ignored.
    assert.deepEqual(await search('reseau'), [[vpn.number, 'No conecta desde casa', 'new']]);
  });
});

describe('linkify', () => {
  test('http(s) URLs and e-mail addresses become links; nothing else does, and nothing is markup', () => {
    assert.deepEqual(linkify('See https://example.com/a?b=1. Or write to ana@example.com!'), [
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. Or write to ' },
      { kind: 'link', text: 'ana@example.com', href: 'mailto:ana@example.com' },
      { kind: 'text', text: '!' },
    ]);
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'JaVaScRiPt:alert(1)//https://x',
      'vbscript:msgbox',
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      for (const part of linkify(text)) {
        if (part.kind === 'link') assert.match(part.href, /^(https?:\/\/|mailto:)/, text);
      }
      assert.equal(
        linkify(text)
          .map((part) => part.text)
          .join(''),
        text,
        'the text is kept exactly',
      );
    }
    assert.deepEqual(linkify('<b>https://x.example/"onmouseover=alert(1)</b>'), [
      { kind: 'text', text: '<b>' },
      { kind: 'link', text: 'https://x.example/', href: 'https://x.example/' },
      { kind: 'text', text: '"onmouseover=alert(1)</b>' },
    ]);
    assert.deepEqual(linkify('(https://en.wikipedia.org/wiki/Foo_(bar))'), [
      { kind: 'text', text: '(' },
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      },
      { kind: 'text', text: ')' },
    ]);
  });
});
