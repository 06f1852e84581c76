/**
 * @module
 * The development mailer: keeps what would have been sent and prints it, so a demo user can
 * follow an e-mailed link without a mail provider.
 */
import type { Mail, Mailer } from '../ports.ts';

export interface OutboxMailer extends Mailer {
  readonly sent: Mail[];
}

export function consoleMailer(log: (line: string) => void = console.log): OutboxMailer {
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
      log(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}`);
    },
  };
}
