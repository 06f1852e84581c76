/**
 * @module
 * Resend's e-mail API over `fetch` (Web APIs only: Workers, Node, Deno). Any answer but 2xx is an
 * error, so the delivery job retries. https://resend.com/docs/api-reference/emails/send-email
 */
import type { Mail, Mailer } from '../ports.ts';

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
      const response = await fetch(options.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          from: options.from,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        }),
      });
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      // Resend explains a refusal in `message`; keep it short for the outbox's last error.
      const detail = (await response.text()).slice(0, 300);
      throw new Error(`Resend answered HTTP ${response.status}: ${detail}`);
    },
  };
}
