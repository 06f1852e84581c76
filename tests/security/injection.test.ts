/**
 * Injection: SQL metacharacters and markup in every text field come back exactly as sent (just
 * text); e-mails escape names and quoted texts in HTML and keep subjects on one line; file names
 * with traversal and control characters are neutralized and never reach a storage key; HTML,
 * SVG and polyglot files are refused or downloaded as inert attachments. (How the widget renders
 * the same payloads in Chromium: tests/widget/xss.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { LANGUAGES } from '../../contract/domain.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { renderMail, TEMPLATE_NAMES } from '../../edge/mail/templates.ts';
import { startDesk, type DeskClient } from '../desk/support.ts';
import { askForLink, lastMailTo } from '../support/accounts.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';
import { HTML, PNG, SVG } from '../support/files.ts';

export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  "'; DROP TABLE tickets; --",
  "1' OR '1'='1",
  'Robert"); DELETE FROM customers; --',
  '%00 \u202E gpj.exe',
  '{{constructor.constructor("alert(1)")()}}',
  'javascript:alert(1)',
];

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
before(async () => {
  const started = await startDesk();
  portal = started.portal;
  desk = started.desk;
  const c = await portal.createCustomer();
  customer = await logIn(portal, c.email, c.password);
});
after(() => portal.close());

describe('text is just text', () => {
  test('descriptions, additions, rejection reasons and desk comments round-trip byte for byte', async () => {
    for (const payload of PAYLOADS) {
      const ticket = await customer.newTicket({ description: payload });
      const number = ticket.number;
      const added = await customer.json(apiPath(ROUTES.information, { number }), 'POST', {
        text: payload,
      });
      assert.ok(added.status < 300);
      await proposeSolution(portal, number, payload);
      const rejected = await customer.json(apiPath(ROUTES.reject, { number }), 'POST', {
        reason: payload,
      });
      assert.ok(rejected.status < 300);
      await desk.json('POST', apiPath(DESK_ROUTES.comments, { number }), { text: payload }, 200);
      const details = (await (await customer.ticket(number)).json()) as TicketDetails;
      assert.equal(details.description, payload);
      assert.equal(details.additions[0]!.text, payload);
      const texts = JSON.stringify(details.timeline);
      assert.ok(texts.includes(JSON.stringify(payload).slice(1, -1)), `timeline keeps ${payload}`);
    }
    const tables = await portal.client.execute(
      "SELECT count(*) AS n FROM sqlite_master WHERE name IN ('tickets', 'customers')",
    );
    assert.equal(Number(tables.rows[0]!.n), 2);
  });
});

describe('e-mails', () => {
  test('names and quoted texts are escaped in HTML, subjects stay on one line', () => {
    for (const template of TEMPLATE_NAMES) {
      for (const language of LANGUAGES) {
        for (const payload of PAYLOADS) {
          const mail = renderMail(template, language, {
            name: `${payload}\r\nBcc: victim@example.com`,
            number: 1001,
            link: 'https://shop.example.com/support#sp/ticket/1001',
            text: payload,
          });
          assert.ok(!/<(script|img|svg)/i.test(mail.html), `${template} ${language}`);
          assert.ok(!/[\r\n]/.test(mail.subject), `${template} ${language} subject`);
        }
      }
    }
  });

  test('a customer named with markup gets the mail queued in the outbox with the name escaped', async () => {
    for (const payload of PAYLOADS.slice(0, 3)) {
      const named = await portal.createCustomer({ name: `Ana ${payload}` });
      assert.equal((await askForLink(portal, named.email)).status, 202);
      const mail = await lastMailTo(portal, named.email);
      assert.ok(mail, `a mail to ${named.email}`);
      assert.ok(!/<(script|img|svg)/i.test(mail.html), payload);
      assert.match(mail.html, /Ana (&lt;|&quot;&gt;)/, `the name, escaped: ${payload}`);
      assert.ok(mail.text.includes(`Ana ${payload}`), `the text part keeps the name: ${payload}`);
    }
  });

  test('a link that is not http(s) is never mailed', () => {
    assert.throws(() =>
      renderMail('set-password', 'en', { name: 'A', link: 'javascript:alert(1)' }),
    );
  });
});

describe('files', () => {
  test('names with traversal and control characters are neutralized; storage keys are the server’s', async () => {
    const names = [
      '../../../etc/passwd.png',
      '..\\..\\windows\\win.ini.png',
      '%2e%2e%2fsecret.png',
      'bad\u0000name.png',
      'invoice\u202Egnp.exe.png',
      '<img src=x onerror=alert(1)>.png',
      '\r\nContent-Type: text/html.png',
      '.hidden.png',
    ];
    for (const name of names) {
      const response = await customer.createTicket({}, { name, bytes: PNG, type: 'image/png' });
      assert.equal(response.status, 201, name);
      const ticket = (await response.json()) as TicketDetails;
      const stored = ticket.attachments[0]!.name;
      assert.ok(
        !/[/\\\u0000-\u001f\u202e]/.test(stored),
        `${JSON.stringify(name)} -> ${JSON.stringify(stored)}`,
      );
      assert.ok(!stored.startsWith('.'), stored);
      const download = await customer.request(
        apiPath(ROUTES.attachment, { number: ticket.number, id: ticket.attachments[0]!.id }),
      );
      const disposition = download.headers.get('content-disposition') ?? '';
      assert.match(disposition, /^attachment; /);
      assert.ok(!/[\r\n]/.test(disposition));
      await download.arrayBuffer();
    }
    const keys = await portal.ports.store.list!('');
    for (const key of keys) assert.match(key, /^tickets\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/);
  });

  test('HTML, SVG and polyglot files are refused, never stored', async () => {
    const polyglot = new Uint8Array([...PNG, ...new TextEncoder().encode(HTML)]);
    const gifScript = new TextEncoder().encode('GIF89a/*<script>alert(1)</script>*/=1;');
    const files = [
      { name: 'page.html', bytes: HTML, type: 'text/html' },
      { name: 'page.png', bytes: HTML, type: 'image/png' },
      { name: 'image.svg', bytes: SVG, type: 'image/svg+xml' },
      { name: 'image.png', bytes: SVG, type: 'image/png' },
      { name: 'poly.html', bytes: polyglot, type: 'text/html' },
      { name: 'script.gif', bytes: gifScript, type: 'image/gif' },
    ];
    for (const file of files) {
      const response = await customer.createTicket({}, file);
      if (response.status === 201) {
        // Accepted only as what its bytes are, and then inert.
        const ticket = (await response.json()) as TicketDetails;
        const download = await customer.request(
          apiPath(ROUTES.attachment, { number: ticket.number, id: ticket.attachments[0]!.id }),
        );
        assert.ok(
          !/html|svg|javascript/.test(download.headers.get('content-type') ?? ''),
          file.name,
        );
        assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);
        assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
        await download.arrayBuffer();
      } else {
        assert.equal(response.status, 415, file.name);
        assert.equal((await response.json()).error.code, 'unsupported_file_type');
      }
    }
  });
});
