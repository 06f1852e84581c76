/**
 * @module
 * The production mailer: Postmark's transactional e-mail API over `fetch` (Web APIs only, so it
 * runs on Workers, Node and Deno). Any answer but 2xx is an error, so the delivery job retries.
 * https://postmarkapp.com/developer/api/email-api
 */
import type { Mail, Mailer } from '../ports.ts';

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
      const response = await fetch(options.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'x-postmark-server-token': options.token,
        },
        body: JSON.stringify({
          From: options.from,
          To: mail.to,
          Subject: mail.subject,
          TextBody: mail.text,
          HtmlBody: mail.html,
          MessageStream: 'outbound',
        }),
      });
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      // Postmark explains a refusal in `Message`; keep it short for the outbox's last error.
      const detail = (await response.text()).slice(0, 300);
      throw new Error(`Postmark answered HTTP ${response.status}: ${detail}`);
    },
  };
}
