/**
 * @module
 * Webhook signatures in the style of Stripe's: `t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256 over `<t>.<raw body>` with the subscription's secret. Web Crypto only.
 * @see https://docs.stripe.com/webhooks#verify-manually
 */
import { constantTimeEqual, toHex } from '../lib/encoding.ts';

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

/**
 * The `Portal-Signature` header value for a body sent at `timestamp` (unix seconds): one `v1`
 * per secret, the current one first (two while a rotated secret is still honoured).
 */
export async function signatureHeader(
  secrets: readonly string[],
  timestamp: number,
  body: string,
): Promise<string> {
  const signatures = await Promise.all(
    secrets.map(async (secret) => `v1=${await hmacHex(secret, `${timestamp}.${body}`)}`),
  );
  return [`t=${timestamp}`, ...signatures].join(',');
}

/**
 * What a receiver does: true when one `v1` of the header matches and its timestamp is within
 * `toleranceSeconds` of `nowSeconds` (so an old request cannot be replayed).
 */
export async function verifySignature(
  header: string,
  secret: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): Promise<boolean> {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return false;
  }
  const expected = encoder.encode(await hmacHex(secret, `${timestamp}.${body}`));
  return parts
    .filter(([key, value]) => key === 'v1' && value)
    .some(([, value]) => constantTimeEqual(encoder.encode(value!), expected));
}
