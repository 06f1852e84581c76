/**
 * @module
 * Resend's e-mail API over `fetch` (Web APIs only: Workers, Node, Deno). Any answer but 2xx is an
 * error, so the delivery job retries. https://resend.com/docs/api-reference/emails/send-email
 */
import type { Mail, Mailer } from '../ports.ts';
import { postToMailProvider } from './provider-request.ts';

export interface ResendOptions {
  /** The API key (a secret). */
  token: string;
  from: string;
  /** `https://api.resend.com/emails`; tests point it at a local server. */
  url: string;
  timeoutMs?: number;
}

export function resendMailer(options: ResendOptions): Mailer {
  return {
    async send(mail: Mail) {
      await postToMailProvider(
        'Resend',
        options.url,
        { authorization: `Bearer ${options.token}` },
        JSON.stringify({
          from: options.from,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        }),
        options.timeoutMs,
      );
    },
  };
}
