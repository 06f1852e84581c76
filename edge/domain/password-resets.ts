/**
 * @module
 * Set-password links: a 32-byte random token in the e-mailed link, only its SHA-256 stored. A
 * link is good for one use within an hour, dies when the customer's token version changes
 * (a password change), and a newer request for the same customer kills the older ones.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Language } from '../../contract/domain.ts';
import { customers, passwordResets, type CustomerRow } from '../db/schema.ts';
import { captchaUnspent, spendCaptcha, type SolvedCaptcha } from './captcha.ts';
import { randomId, toBase64Url } from '../lib/encoding.ts';
import { queueMail, renderMail } from '../mail/index.ts';
import type { Ports } from '../ports.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return toBase64Url(new Uint8Array(digest));
}

/** `<returnTo without its hash>#sp/set-password/<token>`. */
export function setPasswordLink(returnTo: URL, token: string): string {
  const url = new URL(returnTo.href);
  url.hash = '';
  return `${url.href}#sp/set-password/${token}`;
}

/**
 * Spends the captcha, records a link for `customer` and queues its e-mail, in one batch; false
 * (and nothing written but the spent captcha) when the captcha was spent before. For an unknown
 * e-mail the same token is made, hashed, rendered and the same batch runs, its link and e-mail
 * guarded off. Both kinds commit one transaction that writes (the captcha), so the answer's
 * timing does not tell whether the address exists (`npm run bench:forgot-timing`); with the
 * link's writes in a commit of their own, a known e-mail took a file sync longer.
 */
export async function requestReset(
  ports: Pick<Ports, 'db' | 'clock'>,
  captcha: SolvedCaptcha,
  customer: CustomerRow | undefined,
  email: string,
  returnTo: URL,
  fallbackLanguage: Language,
): Promise<boolean> {
  const { db, clock } = ports;
  const now = clock.now();
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const tokenHash = await hashToken(token);
  // Checked before the captcha is spent in the same batch: a replayed captcha writes nothing.
  const unspent = captchaUnspent(captcha);
  const exists = sql`${customer?.active ? sql`1` : sql`0`} and ${unspent}`;
  const customerId = customer?.id ?? randomId();
  const mail = renderMail('set-password', customer?.language ?? fallbackLanguage, {
    name: customer?.name ?? email,
    link: setPasswordLink(returnTo, token),
  });
  const results = await db.batch([
    db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResets.customerId, customerId), isNull(passwordResets.usedAt), unspent),
      ),
    db.run(sql`insert into ${passwordResets} (token_hash, customer_id, token_version, created_at, expires_at)
      select ${tokenHash}, ${customerId}, ${customer?.tokenVersion ?? 0}, ${now.getTime()},
        ${now.getTime() + RESET_TTL_MS} where ${exists}`),
    queueMail(db, { to: customer?.email ?? email, ...mail }, { at: now, guard: exists }),
    ...spendCaptcha(db, captcha, now),
  ]);
  const spent = results.at(-1) as { signature: string }[];
  return spent.length === 1;
}

/** The customer a still-valid link belongs to, or null. */
export async function customerForToken(ports: Pick<Ports, 'db' | 'clock'>, token: string) {
  const { db, clock } = ports;
  const [row] = await db
    .select({ customer: customers })
    .from(passwordResets)
    .innerJoin(customers, eq(customers.id, passwordResets.customerId))
    .where(
      and(
        eq(passwordResets.tokenHash, await hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, clock.now()),
        eq(customers.tokenVersion, passwordResets.tokenVersion),
        eq(customers.active, true),
      ),
    )
    .limit(1);
  return row?.customer ?? null;
}

/**
 * Sets a new password hash and raises the token version (every session and link dies), queuing
 * the "password changed" notice, in one batch. The update holds only if the version is still
 * the one read: of two concurrent changes one wins. Returns the updated customer, or null.
 */
export async function setPassword(
  ports: Pick<Ports, 'db' | 'clock'>,
  customer: CustomerRow,
  passwordHash: string,
  usedTokenHash?: string,
): Promise<CustomerRow | null> {
  const { db, clock } = ports;
  const now = clock.now();
  const version = customer.tokenVersion + 1;
  const mail = renderMail('password-changed', customer.language, { name: customer.name });
  const changed = sql`(select token_version from ${customers} where id = ${customer.id}) = ${version}`;
  const [updated] = await db.batch([
    db
      .update(customers)
      .set({ passwordHash, tokenVersion: version, updatedAt: now })
      .where(and(eq(customers.id, customer.id), eq(customers.tokenVersion, customer.tokenVersion)))
      .returning(),
    db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.customerId, customer.id),
          isNull(passwordResets.usedAt),
          usedTokenHash ? eq(passwordResets.tokenHash, usedTokenHash) : sql`1`,
        ),
      ),
    queueMail(db, { to: customer.email, ...mail }, { at: now, guard: changed }),
  ]);
  return updated[0] ?? null;
}
