/**
 * @module
 * One-click rating links: HS256 JWTs that can rate one ticket and do nothing else. They are
 * signed with a key derived from TOKEN_SECRET for this purpose only, and carry their own
 * audience, so a rating token is never a session (and a session token never rates): each is
 * refused by the other's check, whichever key or audience it was made with.
 */
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'support-portal';
const AUDIENCE = 'support-portal:rating';
const ALGORITHM = 'HS256';
/** How long a rating link in an e-mail works. */
export const RATING_LINK_DAYS = 30;

export interface RatingClaims {
  ticketId: string;
  customerId: string;
}

const keys = new Map<string, Promise<Uint8Array>>();

/** HMAC-SHA256(TOKEN_SECRET, purpose): a key of its own for rating links. */
function ratingKey(secret: string): Promise<Uint8Array> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey(
        'raw',
        new TextEncoder().encode(secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
      .then((base) =>
        crypto.subtle.sign('HMAC', base, new TextEncoder().encode('support-portal rating links')),
      )
      .then((bytes) => new Uint8Array(bytes));
    keys.set(secret, key);
  }
  return key;
}

export async function signRatingToken(
  claims: RatingClaims,
  secret: string,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ cid: claims.customerId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.ticketId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + RATING_LINK_DAYS * 86_400)
    .sign(await ratingKey(secret));
}

/** The ticket and customer a current, untampered rating token names; null for anything else. */
export async function verifyRatingToken(
  token: string,
  secret: string,
  now: Date,
): Promise<RatingClaims | null> {
  try {
    const { payload } = await jwtVerify(token, await ratingKey(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'JWT',
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const { sub, cid } = payload;
    if (typeof sub !== 'string' || typeof cid !== 'string') return null;
    return { ticketId: sub, customerId: cid };
  } catch {
    return null;
  }
}
