/**
 * @module
 * What the accounts tests share beyond helpers.ts: the mail outbox as the test API reads it,
 * a partner intranet's signed token, and mounting a portal with one.
 */
import { fixture, html } from '@open-wc/testing';
import type {
  LoginEvent,
  PortalNavigateEvent,
  SupportPortal,
} from '../../widget/support-portal.ts';
import { API, screenNamed } from './helpers.ts';

export interface OutboxMail {
  subject: string;
  text: string;
  html: string;
}

/** The e-mails queued for an address, newest first. */
export async function outbox(to: string): Promise<OutboxMail[]> {
  const response = await fetch(`${API}/test/outbox?${new URLSearchParams({ to })}`);
  if (!response.ok) throw new Error(`outbox: ${response.status}`);
  return response.json();
}

/** The set-password link in an e-mail's plain text. */
export function setPasswordLink(mail: OutboxMail): URL {
  const found = /https?:\/\/\S+#sp\/set-password\/[\w-]+/.exec(mail.text);
  if (!found) throw new Error(`no set-password link in: ${mail.text}`);
  return new URL(found[0]);
}

/** A token signed by the test partner intranet for one of its users. */
export async function partnerToken(
  email: string,
  expiresInSeconds: number,
  claims?: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${API}/test/partner-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, expiresInSeconds, claims }),
  });
  return ((await response.json()) as { token: string }).token;
}

let instances = 0;

/** A portal embedded by the partner intranet, with its token; records screens and logins. */
export async function partnerPortal(token: string) {
  const screens: string[] = [];
  const logins: string[] = [];
  const el = await fixture<SupportPortal>(
    html`<support-portal
      api=${API}
      lang="es"
      token=${token}
      storage-key=${`partner-${Date.now()}-${instances++}`}
      @support-portal-navigate=${(event: PortalNavigateEvent) => screens.push(event.detail.screen)}
      @support-portal-login=${(event: LoginEvent) => logins.push(event.detail.customer.email)}
    ></support-portal>`,
  );
  await screenNamed(el, /^sp-/);
  return { el, screens, logins };
}
