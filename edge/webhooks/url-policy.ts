/**
 * @module
 * Where webhooks may go. Only http(s); outside development, never to loopback, link-local,
 * private, shared, multicast or unspecified addresses: checked on the literal host and, where
 * the runtime can resolve names, on every address the name resolves to (at subscription and at
 * each delivery, so a name re-pointed later is caught too).
 */
import type { HostResolver } from '../ports.ts';

/** IPv4 ranges no webhook may reach, as [first octets, prefix length]. */
const FORBIDDEN_V4: [number[], number][] = [
  [[0], 8], // "this" network, unspecified
  [[10], 8],
  [[100, 64], 10], // carrier-grade NAT
  [[127], 8],
  [[169, 254], 16], // link-local, cloud metadata
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 168], 16],
  [[198, 18], 15], // benchmarking
  [[224], 4], // multicast
  [[240], 4], // reserved, broadcast
];

function v4Bytes(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

function inPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const index = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[index]! & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** The 16 bytes of an IPv6 address (with or without brackets), or null when it is not one. */
function v6Bytes(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (!text.includes(':') || text.includes('%')) return null;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = v4Bytes(dotted[1]!);
    if (!v4) return null;
    tail.push(...v4);
    text = text.slice(0, -dotted[1]!.length) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half ? half.split(':') : []);
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<string>(missing).fill('0'), ...rest];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  const bytes = all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** True for an IP address a webhook must never reach; false for public ones and non-IPs. */
export function isForbiddenAddress(address: string): boolean {
  const v4 = v4Bytes(address);
  if (v4) return FORBIDDEN_V4.some(([prefix, bits]) => inPrefix(v4, prefix, bits));
  const v6 = v6Bytes(address);
  if (!v6) return false;
  const embeddedV4 = v6.slice(12);
  const zeros = (count: number) => v6.slice(0, count).every((byte) => byte === 0);
  if (zeros(16)) return true; // ::
  if (zeros(15) && v6[15] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d)
  if (
    (zeros(10) && v6[10] === 0xff && v6[11] === 0xff) ||
    zeros(12) ||
    inPrefix(v6, [0x00, 0x64, 0xff, 0x9b], 96)
  ) {
    return isForbiddenAddress(embeddedV4.join('.'));
  }
  return (
    inPrefix(v6, [0xfe, 0x80], 10) || // link-local
    inPrefix(v6, [0xfc], 7) || // unique local
    inPrefix(v6, [0xfe, 0xc0], 10) || // old site-local
    inPrefix(v6, [0xff], 8) || // multicast
    inPrefix(v6, [0x20, 0x01, 0x0d, 0xb8], 32) // documentation
  );
}

function isIpLiteral(host: string): boolean {
  return v4Bytes(host) !== null || v6Bytes(host) !== null;
}

export interface UrlPolicy {
  /** `ENVIRONMENT=development` lets webhooks reach this machine, for demos and tests. */
  development: boolean;
  resolveHost?: HostResolver;
}

/** Why a webhook URL is refused, or null when it may be used. */
export async function refuseWebhookUrl(raw: string, policy: UrlPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https';
  if (url.username || url.password) return 'credentials in the URL';
  if (policy.development) return null;

  // WHATWG URL parsing has already turned forms like 2130706433 or 0x7f.1 into dotted quads.
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback host';
  if (isIpLiteral(host)) return isForbiddenAddress(host) ? 'private or local address' : null;
  if (!policy.resolveHost) return null;
  let addresses: string[];
  try {
    addresses = await policy.resolveHost(host);
  } catch {
    return 'host does not resolve';
  }
  if (addresses.length === 0) return 'host does not resolve';
  return addresses.some(isForbiddenAddress) ? 'resolves to a private or local address' : null;
}
