/**
 * The mail providers besides Postmark (tests/api/mail-delivery.test.ts), each against a local
 * HTTP server standing in for the provider and checking the exact request: Resend (bearer key,
 * JSON body) and Amazon SES v2 SendEmail (JSON body signed with AWS Signature Version 4, checked
 * here with node:crypto, and the signer itself against AWS's published example); chosen by
 * MAIL_PROVIDER, refused without the settings each needs.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { loadConfig } from '../../edge/config.ts';
import { signAwsRequest } from '../../edge/lib/aws-sigv4.ts';
import { mailerFromConfig } from '../../edge/mail/mailer.ts';
import type { Mail } from '../../edge/ports.ts';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const answer = { status: 200, body: '{}' };
let server: ReturnType<typeof createServer>;
let url: string;

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method!,
        path: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received.length = 0;
  Object.assign(answer, { status: 200, body: '{}' });
});

const mail: Mail = {
  to: 'ana.garcia@example.com',
  subject: 'Establezca su contraseña «Portal»',
  text: 'Hola Ana,\nhttps://shop.example.com/#sp/set-password/abc',
  html: '<p>Hola Ana, <a href="https://shop.example.com/">enlace</a></p>',
};

function mailer(env: Record<string, string>) {
  return mailerFromConfig(
    loadConfig({ TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256', ...env }),
  );
}

test('Resend: one POST with the bearer key and the exact JSON body', async () => {
  await mailer({
    MAIL_PROVIDER: 'resend',
    MAIL_API_TOKEN: 're_test_key_123',
    MAIL_FROM: 'Soporte <soporte@example.com>',
    MAIL_API_URL: `${url}/emails`,
  }).send(mail);
  assert.equal(received.length, 1);
  const [request] = received;
  assert.equal(request!.method, 'POST');
  assert.equal(request!.path, '/emails');
  assert.equal(request!.headers.authorization, 'Bearer re_test_key_123');
  assert.equal(request!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(request!.body), {
    from: 'Soporte <soporte@example.com>',
    to: ['ana.garcia@example.com'],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
});

test('Resend: a refusal is an error with its status, so the job retries', async () => {
  Object.assign(answer, { status: 422, body: '{"message":"Invalid `from` field"}' });
  const send = mailer({
    MAIL_PROVIDER: 'resend',
    MAIL_API_TOKEN: 're_test_key_123',
    MAIL_FROM: 'soporte@example.com',
    MAIL_API_URL: `${url}/emails`,
  }).send(mail);
  await assert.rejects(send, /Resend answered HTTP 422: .*Invalid `from` field/);
});

/** AWS Signature Version 4 as AWS documents it, written again with node:crypto. */
function expectedSignature(request: Received, secret: string, region: string) {
  const date = request.headers['x-amz-date'] as string;
  const signed = ['content-type', 'host', 'x-amz-date'];
  const canonical = [
    request.method,
    request.path,
    '',
    ...signed.map((name) => `${name}:${request.headers[name]}`),
    '',
    signed.join(';'),
    createHash('sha256').update(request.body).digest('hex'),
  ].join('\n');
  const scope = `${date.slice(0, 8)}/${region}/ses/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    date,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secret}`);
  for (const part of [date.slice(0, 8), region, 'ses', 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
}

test('Amazon SES: one signed POST to v2 SendEmail with the exact JSON body', async () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  const before = Date.now();
  await mailer({
    MAIL_PROVIDER: 'ses',
    MAIL_FROM: 'Soporte <soporte@example.com>',
    SES_REGION: 'eu-west-1',
    SES_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    SES_SECRET_ACCESS_KEY: secret,
    MAIL_API_URL: url,
  }).send(mail);
  assert.equal(received.length, 1);
  const [request] = received;
  assert.equal(request!.method, 'POST');
  assert.equal(request!.path, '/v2/email/outbound-emails');
  assert.equal(request!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(request!.body), {
    FromEmailAddress: 'Soporte <soporte@example.com>',
    Destination: { ToAddresses: ['ana.garcia@example.com'] },
    Content: {
      Simple: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: mail.text, Charset: 'UTF-8' },
          Html: { Data: mail.html, Charset: 'UTF-8' },
        },
      },
    },
  });
  const date = request!.headers['x-amz-date'] as string;
  assert.match(date, /^\d{8}T\d{6}Z$/);
  const signedAt = Date.parse(
    date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  assert.ok(signedAt >= before - 1000 && signedAt <= Date.now(), 'signed now');
  assert.equal(request!.headers.authorization, expectedSignature(request!, secret, 'eu-west-1'));
});

test("the signer gives AWS's published signature for its example request", async () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (IAM ListUsers)
  const headers = await signAwsRequest(
    {
      method: 'GET',
      url: new URL('https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers'),
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      body: '',
    },
    {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 'iam',
    },
    new Date('2015-08-30T12:36:00Z'),
  );
  assert.deepEqual(headers, {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    'x-amz-date': '20150830T123600Z',
  });
});

test('Amazon SES: a refusal is an error with its status', async () => {
  Object.assign(answer, { status: 400, body: '{"message":"Email address is not verified."}' });
  const send = mailer({
    MAIL_PROVIDER: 'ses',
    MAIL_FROM: 'soporte@example.com',
    SES_REGION: 'eu-west-1',
    SES_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    SES_SECRET_ACCESS_KEY: 'secret',
    MAIL_API_URL: url,
  }).send(mail);
  await assert.rejects(send, /Amazon SES answered HTTP 400: .*not verified/);
});

test('each provider refuses to start without the settings it needs, naming them', () => {
  assert.throws(
    () => mailer({ MAIL_PROVIDER: 'resend', MAIL_FROM: 'soporte@example.com' }),
    /MAIL_PROVIDER=resend needs MAIL_API_TOKEN$/,
  );
  assert.throws(
    () =>
      mailer({ MAIL_PROVIDER: 'ses', MAIL_FROM: 'soporte@example.com', SES_REGION: 'eu-west-1' }),
    /MAIL_PROVIDER=ses needs SES_ACCESS_KEY_ID and SES_SECRET_ACCESS_KEY$/,
  );
  assert.throws(() => mailer({ MAIL_PROVIDER: 'ses', SES_REGION: 'Ireland' }), /an AWS region/);
});
