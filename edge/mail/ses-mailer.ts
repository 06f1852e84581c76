/**
 * @module
 * Amazon SES's HTTP API (v2 `SendEmail`), signed with AWS Signature Version 4 over Web Crypto, so
 * it runs on Workers, Node and Deno without the AWS SDK. Any answer but 2xx is an error, so the
 * delivery job retries. https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html
 */
import { signAwsRequest } from '../lib/aws-sigv4.ts';
import type { Mail, Mailer } from '../ports.ts';
import { postToMailProvider } from './provider-request.ts';

export interface SesOptions {
  accessKeyId: string;
  /** A secret. */
  secretAccessKey: string;
  region: string;
  /** A verified identity of the account, `Support <support@example.com>`. */
  from: string;
  /** `https://email.<region>.amazonaws.com`; tests point it at a local server. */
  endpoint: string;
  now?: () => Date;
  timeoutMs?: number;
}

const PATH = '/v2/email/outbound-emails';

export function sesMailer(options: SesOptions): Mailer {
  const url = new URL(PATH, options.endpoint);
  const credentials = {
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: 'ses',
  };
  return {
    async send(mail: Mail) {
      const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
      const body = JSON.stringify({
        FromEmailAddress: options.from,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            Subject: utf8(mail.subject),
            Body: { Text: utf8(mail.text), Html: utf8(mail.html) },
          },
        },
      });
      const signed = await signAwsRequest(
        { method: 'POST', url, contentType: 'application/json', body },
        credentials,
        (options.now ?? (() => new Date()))(),
      );
      await postToMailProvider('Amazon SES', url, signed, body, options.timeoutMs);
    },
  };
}
