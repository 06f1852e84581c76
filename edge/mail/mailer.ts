/**
 * @module
 * The mailer a runtime uses, chosen by config: Postmark when `MAIL_PROVIDER=postmark` (which
 * then needs `MAIL_API_TOKEN` and `MAIL_FROM`), else the console mailer.
 */
import type { AppConfig } from '../config.ts';
import type { Mailer } from '../ports.ts';
import { consoleMailer } from './console-mailer.ts';
import { postmarkMailer } from './postmark-mailer.ts';

export function mailerFromConfig(config: AppConfig): Mailer {
  if (config.MAIL_PROVIDER === 'console') return consoleMailer();
  if (!config.MAIL_API_TOKEN || !config.MAIL_FROM) {
    throw new Error(
      'Invalid configuration:\n  MAIL_PROVIDER=postmark needs MAIL_API_TOKEN and MAIL_FROM',
    );
  }
  return postmarkMailer({
    token: config.MAIL_API_TOKEN,
    from: config.MAIL_FROM,
    url: config.MAIL_API_URL,
  });
}
