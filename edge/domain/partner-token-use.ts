/**
 * @module
 * Each partner token opens one session: its `jti` is remembered in the database until the token
 * expires, so a replay is refused in every process and Worker isolate.
 */
import { lt } from 'drizzle-orm';
import { usedPartnerTokens } from '../db/schema.ts';
import type { PartnerIdentity } from '../lib/partner-tokens.ts';
import type { Database } from '../ports.ts';

/** Records the token as used; false when it was used before. */
export async function spendPartnerToken(
  db: Database,
  identity: PartnerIdentity,
  now: Date,
): Promise<boolean> {
  const [, spent] = await db.batch([
    db.delete(usedPartnerTokens).where(lt(usedPartnerTokens.expiresAt, now)),
    db
      .insert(usedPartnerTokens)
      .values({ key: `${identity.partnerId}:${identity.tokenId}`, expiresAt: identity.expiresAt })
      .onConflictDoNothing()
      .returning({ key: usedPartnerTokens.key }),
  ]);
  return spent.length === 1;
}
