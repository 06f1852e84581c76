import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../../edge/db/schema.ts';
import { deliverDueMail } from '../../edge/jobs/mail-delivery.ts';
import { queueMail, renderMail } from '../../edge/mail/index.ts';
import { mailerFromConfig } from '../../edge/mail/mailer.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for Postmark on loopback: records each request, answers with `status`. */
async function fakeProvider() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(state.status, { 'content-type': 'application/json' });
      response.end(
        state.status === 200
          ? JSON.stringify({ ErrorCode: 0, Message: 'OK' })
          : JSON.stringify({ ErrorCode: 500, Message: 'Try again' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    state,
    url: `http://127.0.0.1:${port}/email`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let provider: Awaited<ReturnType<typeof fakeProvider>>;
let portal: TestPortal;
before(async () => {
  provider = await fakeProvider();
  portal = await startPortal({
    MAIL_PROVIDER: 'postmark',
    MAIL_API_TOKEN: 'server-token-123',
    MAIL_FROM: 'Support <support@example.com>',
    MAIL_API_URL: provider.url,
    MAIL_MAX_ATTEMPTS: '3',
    MAIL_BACKOFF_SECONDS: '60',
  });
  portal.ports.mailer = mailerFromConfig(portal.ports.config);
});
after(async () => {
  await provider.close();
  portal.close();
});

async function queue(to: string) {
  const mail = renderMail('password-changed', 'en', { name: 'Ana <Admin>' });
  await queueMail(portal.db, { to, ...mail }, { at: portal.clock.now() });
  return mail;
}

const rowTo = async (to: string) =>
  (await portal.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0]!;

describe('mail delivery through Postmark', () => {
  test('the exact request: method, URL, headers and JSON body', async () => {
    provider.received.length = 0;
    const mail = await queue('exact@example.com');
    assert.deepEqual(await deliverDueMail(portal.ports), { sent: 1, retrying: 0, dead: 0 });
    assert.equal(provider.received.length, 1);
    const [request] = provider.received;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url, '/email');
    assert.equal(request!.headers['x-postmark-server-token'], 'server-token-123');
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.equal(request!.headers['accept'], 'application/json');
    assert.deepEqual(JSON.parse(request!.body), {
      From: 'Support <support@example.com>',
      To: 'exact@example.com',
      Subject: mail.subject,
      TextBody: mail.text,
      HtmlBody: mail.html,
      MessageStream: 'outbound',
    });
    const row = await rowTo('exact@example.com');
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.equal(row.sentAt?.toISOString(), portal.clock.now().toISOString());
  });

  test('a failing provider: retried after the backoff, then sent', async () => {
    provider.received.length = 0;
    provider.state.status = 500;
    await queue('retry@example.com');
    assert.deepEqual(await deliverDueMail(portal.ports), { sent: 0, retrying: 1, dead: 0 });
    let row = await rowTo('retry@example.com');
    assert.equal(row.status, 'queued');
    assert.match(row.lastError!, /HTTP 500/);

    // Not due before the backoff has passed.
    assert.deepEqual(await deliverDueMail(portal.ports), { sent: 0, retrying: 0, dead: 0 });
    provider.state.status = 200;
    portal.clock.advance(60_000);
    assert.deepEqual(await deliverDueMail(portal.ports), { sent: 1, retrying: 0, dead: 0 });
    row = await rowTo('retry@example.com');
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.equal(provider.received.length, 2);
  });

  test('dead after MAIL_MAX_ATTEMPTS failures, and never tried again', async () => {
    provider.received.length = 0;
    provider.state.status = 503;
    await queue('dead@example.com');
    assert.equal((await deliverDueMail(portal.ports)).retrying, 1);
    portal.clock.advance(60_000);
    assert.equal((await deliverDueMail(portal.ports)).retrying, 1);
    portal.clock.advance(120_000);
    assert.deepEqual(await deliverDueMail(portal.ports), { sent: 0, retrying: 0, dead: 1 });
    const row = await rowTo('dead@example.com');
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 3);
    portal.clock.advance(86_400_000);
    assert.deepEqual(await deliverDueMail(portal.ports), { sent: 0, retrying: 0, dead: 0 });
    assert.equal(provider.received.length, 3);
    provider.state.status = 200;
  });

  test('postmark without a token or sender is a configuration error', () => {
    assert.throws(
      () => mailerFromConfig({ ...portal.ports.config, MAIL_API_TOKEN: undefined }),
      /MAIL_API_TOKEN/,
    );
  });
});
