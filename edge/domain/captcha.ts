/**
 * @module
 * ALTCHA proof-of-work captchas, self-hosted: challenges signed with an HMAC key from the
 * environment, solutions checked with altcha-lib's WebCrypto PBKDF2 (the other algorithms import
 * `node:crypto`, which Workers lack), and each solved challenge accepted once: its signature is
 * remembered in `used_captchas` until the challenge expires.
 */
import { createChallenge, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { lt, sql } from 'drizzle-orm';
import type { AppConfig } from '../config.ts';
import { usedCaptchas } from '../db/schema.ts';
import type { Database, Ports } from '../ports.ts';
import { toBase64Url } from '../lib/encoding.ts';

/** How long a challenge may take from fetching to submitting the form. */
const CHALLENGE_TTL_MS = 10 * 60 * 1000;

const derivedKeys = new Map<string, Promise<string>>();

/** ALTCHA_HMAC_KEY, or a key derived from TOKEN_SECRET so one secret is enough to start. */
function hmacKey(config: AppConfig): Promise<string> {
  if (config.ALTCHA_HMAC_KEY) return Promise.resolve(config.ALTCHA_HMAC_KEY);
  let key = derivedKeys.get(config.TOKEN_SECRET);
  if (!key) {
    key = (async () => {
      const secret = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(config.TOKEN_SECRET),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const mac = await crypto.subtle.sign(
        'HMAC',
        secret,
        new TextEncoder().encode('altcha-hmac-key'),
      );
      return toBase64Url(new Uint8Array(mac));
    })();
    derivedKeys.set(config.TOKEN_SECRET, key);
  }
  return key;
}

/**
 * A new signed challenge. Its expiry is kept in the signed `data` (checked against the clock
 * port), not in altcha-lib's `expiresAt`, which altcha-lib compares with the machine's time.
 */
export async function newChallenge(ports: Pick<Ports, 'config' | 'clock'>): Promise<Challenge> {
  const { config, clock } = ports;
  return createChallenge({
    algorithm: 'PBKDF2/SHA-256',
    cost: config.CAPTCHA_COST,
    deriveKey,
    data: { expires: clock.now().getTime() + CHALLENGE_TTL_MS },
    hmacSignatureSecret: await hmacKey(config),
  });
}

function decodePayload(payload: string): Payload | null {
  try {
    const bytes = Uint8Array.from(atob(payload), (ch) => ch.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Payload;
    return value?.challenge?.parameters && value.solution ? value : null;
  } catch {
    return null;
  }
}

/** A solution this server signed, not yet expired; spent only by `spendCaptcha`. */
export interface SolvedCaptcha {
  signature: string;
  expiresAt: Date;
}

/**
 * The widget's payload (base64 JSON of the challenge and its solution) if it solves a challenge
 * this server signed that has not expired; null otherwise. Whether it was used before is for
 * `spendCaptcha` to tell, in the caller's own batch.
 */
export async function verifyCaptcha(
  ports: Pick<Ports, 'config' | 'clock'>,
  payload: string,
): Promise<SolvedCaptcha | null> {
  const { config, clock } = ports;
  const decoded = decodePayload(payload);
  const expires = Number(decoded?.challenge.parameters.data?.expires);
  if (!decoded || !decoded.challenge.signature || !(expires > clock.now().getTime())) return null;
  const result = await verifySolution({
    challenge: decoded.challenge,
    solution: decoded.solution,
    deriveKey,
    hmacSignatureSecret: await hmacKey(config),
  }).catch(() => null);
  if (!result?.verified) return null;
  return { signature: decoded.challenge.signature, expiresAt: new Date(expires) };
}

/** True while the captcha has not been spent; guards writes placed before `spendCaptcha`'s. */
export function captchaUnspent(captcha: SolvedCaptcha) {
  return sql`not exists (select 1 from ${usedCaptchas} where ${usedCaptchas.signature} = ${captcha.signature})`;
}

/**
 * The writes that spend a captcha, for the caller's batch: a solution is spent on its first use,
 * whatever the request then does with it. The insert returns a row only if it was unspent.
 */
export function spendCaptcha(db: Database, captcha: SolvedCaptcha, now: Date) {
  return [
    db.delete(usedCaptchas).where(lt(usedCaptchas.expiresAt, now)),
    db
      .insert(usedCaptchas)
      .values({ signature: captcha.signature, expiresAt: captcha.expiresAt })
      .onConflictDoNothing()
      .returning({ signature: usedCaptchas.signature }),
  ] as const;
}
