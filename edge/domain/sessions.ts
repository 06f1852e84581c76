/**
 * @module
 * Starting a customer's session: one place for login, set-password, change password and partner
 * single sign-on, so every way in gets the same session row and the same short-lived token.
 */
import type { SessionCreated } from '../../contract/types.ts';
import { type CustomerRow, sessions } from '../db/schema.ts';
import { randomId } from '../lib/encoding.ts';
import { signAccessToken } from '../lib/tokens.ts';
import type { Ports } from '../ports.ts';
import { toCustomer } from './customer-profile.ts';

/**
 * A new session at the customer's current token version: its insert, to batch with other
 * writes, and `created`, which signs its access token once the insert is done.
 */
export function newSession(ports: Pick<Ports, 'db' | 'config' | 'clock'>, customer: CustomerRow) {
  const { db, config, clock } = ports;
  const now = clock.now();
  const sessionId = randomId();
  const insert = db.insert(sessions).values({
    id: sessionId,
    customerId: customer.id,
    tokenVersion: customer.tokenVersion,
    createdAt: now,
    expiresAt: new Date(now.getTime() + config.SESSION_TTL_SECONDS * 1000),
  });
  async function created(): Promise<SessionCreated> {
    const { token, expiresAt } = await signAccessToken(
      { sub: customer.id, sid: sessionId, ver: customer.tokenVersion },
      config.TOKEN_SECRET,
      now,
      config.ACCESS_TOKEN_TTL_SECONDS,
    );
    return { token, expiresAt: expiresAt.toISOString(), customer: toCustomer(customer) };
  }
  return { insert, created };
}

/** Records a new session at the customer's current token version and signs its access token. */
export async function startSession(
  ports: Pick<Ports, 'db' | 'config' | 'clock'>,
  customer: CustomerRow,
): Promise<SessionCreated> {
  const session = newSession(ports, customer);
  await session.insert;
  return session.created();
}
