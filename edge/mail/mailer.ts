/**
 * @module
 * The mailer a runtime uses, chosen by `MAIL_PROVIDER`: `postmark` or `resend` (with
 * `MAIL_API_TOKEN` and `MAIL_FROM`), `ses` (with `MAIL_FROM`, `SES_REGION`, `SES_ACCESS_KEY_ID`
 * and `SES_SECRET_ACCESS_KEY`), else the console mailer. `MAIL_API_URL` overrides the provider's
 * endpoint (tests point it at a local server).
 */
import type { AppConfig } from '../config.ts';
import type { Mailer } from '../ports.ts';
import { consoleMailer } from './console-mailer.ts';
import { postmarkMailer } from './postmark-mailer.ts';
import { resendMailer } from './resend-mailer.ts';
import { sesMailer } from './ses-mailer.ts';

const ENDPOINTS = {
  postmark: () => 'https://api.postmarkapp.com/email',
  resend: () => 'https://api.resend.com/emails',
  ses: (region: string) => `https://email.${region}.amazonaws.com`,
};

function required(config: AppConfig, names: (keyof AppConfig)[]): void {
  const missing = names.filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new Error(
      `Invalid configuration:\n  MAIL_PROVIDER=${config.MAIL_PROVIDER} needs ${missing.join(' and ')}`,
    );
  }
}

/**
 * `consoleLog` is where the console mailer prints: stderr by default; the Worker passes
 * `console.info`, since wrangler shows whatever reaches `console.error` as an error block.
 */
export function mailerFromConfig(config: AppConfig, consoleLog?: (line: string) => void): Mailer {
  const provider = config.MAIL_PROVIDER;
  if (provider === 'console') return consoleMailer(consoleLog);
  if (provider === 'ses') {
    required(config, ['MAIL_FROM', 'SES_REGION', 'SES_ACCESS_KEY_ID', 'SES_SECRET_ACCESS_KEY']);
    return sesMailer({
      from: config.MAIL_FROM!,
      region: config.SES_REGION!,
      accessKeyId: config.SES_ACCESS_KEY_ID!,
      secretAccessKey: config.SES_SECRET_ACCESS_KEY!,
      endpoint: config.MAIL_API_URL ?? ENDPOINTS.ses(config.SES_REGION!),
    });
  }
  required(config, ['MAIL_API_TOKEN', 'MAIL_FROM']);
  const options = {
    token: config.MAIL_API_TOKEN!,
    from: config.MAIL_FROM!,
    url: config.MAIL_API_URL ?? ENDPOINTS[provider](),
  };
  return provider === 'resend' ? resendMailer(options) : postmarkMailer(options);
}
