/**
 * @module
 * Verifying a partner's single sign-on token (a JWT its intranet signs for the user it has
 * already logged in). The unverified `iss` only chooses which configured partners to try; each
 * then checks the signature with its own key (a JWKS URL or a public JWK from config, never a
 * key or key URL named in the token's `jwk`, `jku` or `x5u` headers), with its algorithms pinned
 * (so `none` and HS256-signed-with-the-public-key fail), and its issuer, audience, expiry, not
 * before and a maximum age by `iat`. Returns the verified e-mail and the partner's organization.
 */
import {
  createRemoteJWKSet,
  decodeJwt,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { AppConfig, PartnerConfig } from '../config.ts';

export interface PartnerIdentity {
  partnerId: string;
  organization: string;
  email: string;
}

/** Seconds of clock difference allowed between the partner and the portal. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Keys are made once per partner config (the JWKS keeps its own cache and cooldown). */
const keys = new WeakMap<PartnerConfig, JWTVerifyGetKey>();

function keyOf(partner: PartnerConfig): JWTVerifyGetKey {
  let key = keys.get(partner);
  if (!key) {
    if (partner.jwksUrl) {
      key = createRemoteJWKSet(new URL(partner.jwksUrl), { timeoutDuration: 5000 });
    } else {
      const jwk = partner.publicJwk as JWK;
      // jose has already refused an algorithm outside `algorithms` before asking for the key.
      key = async (header) => importJWK({ ...jwk, d: undefined }, header.alg);
    }
    keys.set(partner, key);
  }
  return key;
}

async function verifyFor(
  partner: PartnerConfig,
  token: string,
  config: AppConfig,
  now: Date,
): Promise<PartnerIdentity | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(partner), {
      issuer: partner.issuer,
      audience: partner.audience,
      algorithms: partner.algorithms,
      currentDate: now,
      maxTokenAge: config.PARTNER_TOKEN_MAX_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iat', 'exp', 'email'],
    });
    if (typeof payload.email !== 'string' || payload.email.length > 254) return null;
    return {
      partnerId: partner.id,
      organization: partner.organization,
      email: payload.email.trim().toLowerCase(),
    };
  } catch {
    return null;
  }
}

/** The identity a partner vouches for, or null for any bad, foreign or stale token. */
export async function verifyPartnerToken(
  token: string,
  config: AppConfig,
  now: Date,
): Promise<PartnerIdentity | null> {
  let issuer: unknown;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    return null;
  }
  for (const partner of config.PARTNERS) {
    if (partner.issuer !== issuer) continue;
    const identity = await verifyFor(partner, token, config, now);
    if (identity) return identity;
  }
  return null;
}
