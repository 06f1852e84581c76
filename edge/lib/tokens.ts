/**
 * @module
 * Customer access tokens: HS256 JWTs made and checked with jose. The algorithm, issuer and
 * audience are pinned, so `alg: none`, another algorithm or another token kind is refused.
 */
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'support-portal';
const AUDIENCE = 'support-portal:customer';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  /** Customer id. */
  sub: string;
  /** Session id, so that log out can revoke just this session. */
  sid: string;
  /** The customer's token version when the session began. */
  ver: number;
}

const keys = new Map<string, Uint8Array>();
function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = new TextEncoder().encode(secret)));
  return key;
}

export async function signAccessToken(
  claims: AccessClaims,
  secret: string,
  now: Date,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
  const token = await new SignJWT({ sid: claims.sid, ver: claims.ver })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(keyFor(secret));
  return { token, expiresAt };
}

/** The token's claims, or null for any token that is not one of ours and current. */
export async function verifyAccessToken(
  token: string,
  secret: string,
  now: Date,
): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'JWT',
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const { sub, sid, ver } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof ver !== 'number') return null;
    return { sub, sid, ver };
  } catch {
    return null;
  }
}
