/**
 * @module
 * The partner single sign-on demo (development only): a demo key pair made on first run and
 * kept in the data folder, the demo partner configured from its public half, and
 * `GET /dev/partner-token`, served on the partner intranet's port, which signs a short-lived
 * token for the demo page's user, as a real intranet's back end would for its logged-in user.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { PartnerSetting } from '../config.ts';
import { DEMO_PARTNER_USER } from '../demo/demo-data.ts';

const ALGORITHM = 'ES256';
const TOKEN_SECONDS = 120;

export const DEMO_PARTNER = {
  id: 'demo-intranet',
  issuer: 'https://intranet.partner.example',
  audience: 'support-portal',
  organization: DEMO_PARTNER_USER.organization,
} as const;

/** The demo key pair as JWKs, made once and kept (private half readable by the owner only). */
export async function demoPartnerKey(
  dataDir: string,
): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const file = resolve(dataDir, 'partner-demo-key.json');
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  }
  const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwk };
}

/** The demo partner, for `PARTNERS`. */
export function demoPartnerConfig(publicJwk: JWK): PartnerSetting {
  return { ...DEMO_PARTNER, algorithms: [ALGORITHM], publicJwk: { ...publicJwk } };
}

/** `GET /dev/partner-token` -> `{ token }` for the demo page's user. */
export function partnerTokenApp(privateJwk: JWK, email: string = DEMO_PARTNER_USER.email) {
  const key = importJWK(privateJwk, ALGORITHM);
  return new Hono().get('/dev/partner-token', async (c) => {
    const token = await new SignJWT({ email, jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(DEMO_PARTNER.issuer)
      .setAudience(DEMO_PARTNER.audience)
      .setSubject(email)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_SECONDS}s`)
      .sign(await key);
    c.header('cache-control', 'no-store');
    return c.json({ token });
  });
}
