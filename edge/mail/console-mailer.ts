/**
 * @module
 * The development mailer: keeps what would have been sent and prints it, so a demo user can
 * follow an e-mailed link without a mail provider.
 */
import type { Mail, Mailer } from '../ports.ts';

export interface OutboxMailer extends Mailer {
  readonly sent: Mail[];
}

/** Prints on stderr, so a command whose stdout is its report (`admin jobs:run`) stays parseable. */
export function consoleMailer(log: (line: string) => void = console.error): OutboxMailer {
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
      log(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}`);
    },
  };
}
