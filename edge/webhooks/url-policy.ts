/**
 * @module
 * Where webhooks may go. Only http(s); outside development, only to public unicast addresses
 * (ranges classified by ipaddr.js, which runs on every runtime): checked on the literal host and, where
 * the runtime can resolve names, on every address the name resolves to (at subscription and at
 * each delivery, so a name re-pointed later is caught too).
 */
import ipaddr from 'ipaddr.js';
import type { HostResolver } from '../ports.ts';

/** The well-known NAT64 prefix (RFC 6052): DNS64 answers IPv4-only hosts with these addresses. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
/** IPv4-compatible addresses (deprecated, RFC 4291 2.5.5.1), which ipaddr.js calls unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

function withoutBrackets(address: string): string {
  return address.replace(/^\[|\]$/g, '');
}

/**
 * True for an IP address a webhook must never reach; false for public ones and non-IPs. Only
 * ipaddr.js's `unicast` (no special range: loopback, private, link-local, shared, reserved,
 * documentation, benchmarking, multicast, 6to4, Teredo, IPv4-translated...) is public; an
 * IPv4-mapped or NAT64 address is judged by the IPv4 address it carries.
 */
export function isForbiddenAddress(address: string): boolean {
  const text = withoutBrackets(address);
  if (!ipaddr.isValid(text)) return false;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return isForbiddenAddress(v6.toIPv4Address().toString());
    if (v6.match(IPV4_COMPATIBLE)) return true;
    if (v6.match(NAT64)) {
      const embedded = new ipaddr.IPv4(v6.toByteArray().slice(12));
      return embedded.range() !== 'unicast';
    }
  }
  return parsed.range() !== 'unicast';
}

function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(withoutBrackets(host));
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
