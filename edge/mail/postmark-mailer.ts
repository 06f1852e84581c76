/**
 * @module
 * The production mailer: Postmark's transactional e-mail API over `fetch` (Web APIs only, so it
 * runs on Workers, Node and Deno). Any answer but 2xx is an error, so the delivery job retries.
 * https://postmarkapp.com/developer/api/email-api
 */
import type { Mail, Mailer } from '../ports.ts';
import { postToMailProvider } from './provider-request.ts';

export interface PostmarkOptions {
  token: string;
  from: string;
  /** `https://api.postmarkapp.com/email`; tests point it at a local server. */
  url: string;
  timeoutMs?: number;
}

export function postmarkMailer(options: PostmarkOptions): Mailer {
  return {
    async send(mail: Mail) {
      await postToMailProvider(
        'Postmark',
        options.url,
        { 'x-postmark-server-token': options.token },
        JSON.stringify({
          From: options.from,
          To: mail.to,
          Subject: mail.subject,
          TextBody: mail.text,
          HtmlBody: mail.html,
          MessageStream: 'outbound',
        }),
        options.timeoutMs,
      );
    },
  };
}
