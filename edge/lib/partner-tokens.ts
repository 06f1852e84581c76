/**
 * @module
 * Verifying a partner's single sign-on token (a JWT its intranet signs for the user it has
 * already logged in). The unverified `iss` only chooses which configured partners to try; each
 * then checks the signature with its own key (a JWKS URL or a public JWK from config, never a
 * key or key URL named in the token's `jwk`, `jku` or `x5u` headers), with its algorithms pinned
 * (so `none` and HS256-signed-with-the-public-key fail), and its issuer, audience, expiry, not
 * before, a maximum age by `iat`, and a `jti` (each token is exchanged once). Returns the verified
 * e-mail, the partner's organizations and the token's claims about its user.
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
  /** The partner's own organization: whose customers it logs in unless the token names another. */
  organization: string;
  /** Every organization the partner may assert: its own, then its `organizations`. */
  organizations: string[];
  /** Whether a first sign-on creates the customer (domain/partner-customers.ts). */
  createCustomers: boolean;
  email: string;
  /** The token's claims about its user, unchecked: domain/partner-customers.ts checks them. */
  claims: { name?: unknown; language?: unknown; organization?: unknown };
  /** The token's own id: each token is exchanged once (domain/partner-token-use.ts). */
  tokenId: string;
  /** When the token expires, and with it the need to remember its id. */
  expiresAt: Date;
}

/** The longest `jti` remembered. */
const MAX_TOKEN_ID_LENGTH = 256;

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
      requiredClaims: ['iat', 'exp', 'email', 'jti'],
    });
    const { email, jti, exp, name, language, organization } = payload;
    if (typeof email !== 'string' || email.length > 254) return null;
    if (typeof jti !== 'string' || !jti || jti.length > MAX_TOKEN_ID_LENGTH) return null;
    return {
      partnerId: partner.id,
      organization: partner.organization,
      organizations: [partner.organization, ...partner.organizations],
      createCustomers: partner.createCustomers,
      email: email.trim().toLowerCase(),
      claims: { name, language, organization },
      tokenId: jti,
      // Tolerance included: the token is accepted until then.
      expiresAt: new Date((exp! + CLOCK_TOLERANCE_SECONDS) * 1000),
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
