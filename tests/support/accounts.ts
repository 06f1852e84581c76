/**
 * @module
 * The accounts flows as the widget drives them: solve the captcha with altcha-lib, ask for a
 * set-password link, read it back from the mail outbox.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { eq, sql } from 'drizzle-orm';
import { ROUTES } from '../../contract/routes.ts';
import { mailOutbox } from '../../edge/db/schema.ts';
import type { TestPortal } from './app.ts';

export const RETURN_TO = 'https://shop.example.com/support?tab=help#top';

/** A solved captcha, as the ALTCHA widget submits it (base64 JSON of challenge and solution). */
export async function solvedCaptcha(portal: TestPortal): Promise<string> {
  const challenge = (await (await portal.request(ROUTES.captcha)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  return btoa(JSON.stringify({ challenge, solution }));
}

export function postJson(
  portal: TestPortal,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return portal.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function askForLink(
  portal: TestPortal,
  email: string,
  headers: Record<string, string> = {},
) {
  const captcha = await solvedCaptcha(portal);
  return postJson(portal, ROUTES.passwordForgot, { email, captcha, returnTo: RETURN_TO }, headers);
}

/** The newest e-mail to `to` in the outbox. */
export async function lastMailTo(portal: TestPortal, to: string) {
  const [mail] = await portal.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(sql`rowid desc`)
    .limit(1);
  return mail;
}

/** The set-password link of the newest e-mail to `to`, and its token. */
export async function linkFor(portal: TestPortal, to: string) {
  const mail = await lastMailTo(portal, to);
  const link = /https?:\/\/\S+#sp\/set-password\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no set-password link mailed to ${to}`);
  return { link, token: link.split('/').at(-1)! };
}
