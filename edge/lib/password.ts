/**
 * @module
 * Password hashing with PBKDF2-SHA256 through WebCrypto, in a versioned format that records its
 * parameters (`pbkdf2-sha256$<iterations>$<salt>$<hash>`), so the iteration count can be raised
 * later and old hashes still verify.
 */
import { constantTimeEqual, fromBase64Url, toBase64Url } from './encoding.ts';

const SCHEME = 'pbkdf2-sha256';
const SALT_BYTES = 16;
const HASH_BITS = 256;

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return [SCHEME, iterations, toBase64Url(salt), toBase64Url(hash)].join('$');
}

/** Parses a stored hash; null for anything not in the current format. */
function parse(stored: string) {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== SCHEME || !iterations || !salt || !hash) return null;
  return { iterations: Number(iterations), salt: fromBase64Url(salt), hash: fromBase64Url(hash) };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.iterations);
  return constantTimeEqual(candidate, parsed.hash);
}

/**
 * A hash of a random password, kept once made: checking a login for an unknown e-mail against
 * it costs the same as checking a real one, so timing does not reveal who exists. The hash is
 * kept, never a pending promise: on Workers a request awaiting a promise that another request's
 * work settles is never resumed, so requests that come before it is kept each make one.
 */
const decoys = new Map<number, string>();
export async function decoyHash(iterations: number): Promise<string> {
  const kept = decoys.get(iterations);
  if (kept) return kept;
  const made = await hashPassword(
    toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    iterations,
  );
  if (!decoys.has(iterations)) decoys.set(iterations, made);
  return decoys.get(iterations)!;
}
