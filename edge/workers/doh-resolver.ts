/**
 * @module
 * The host resolver port on Workers, which cannot resolve names themselves: a name's A and AAAA
 * records through DNS over HTTPS (the JSON API of Cloudflare's 1.1.1.1 by default,
 * `WEBHOOK_DOH_URL`), so a webhook host is checked by its addresses at subscription and before
 * every delivery, as on Node and Deno. A resolver that fails or answers badly throws, and the URL
 * is then refused, never let through unchecked.
 */
import type { HostResolver } from '../ports.ts';

/** DNS record types of the JSON API: A and AAAA. */
const TYPES = { A: 1, AAAA: 28 } as const;

interface DnsJson {
  Status: number;
  Answer?: { type: number; data: string }[];
}

async function lookup(dohUrl: string, hostname: string, type: keyof typeof TYPES) {
  const url = new URL(dohUrl);
  url.searchParams.set('name', hostname);
  url.searchParams.set('type', type);
  const response = await fetch(url, {
    headers: { accept: 'application/dns-json' },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`DNS over HTTPS answered ${response.status}`);
  const answer = (await response.json()) as DnsJson;
  // NOERROR or NXDOMAIN; anything else (SERVFAIL, REFUSED) is no answer at all.
  if (answer.Status !== 0 && answer.Status !== 3) throw new Error(`DNS status ${answer.Status}`);
  return (answer.Answer ?? []).filter((r) => r.type === TYPES[type]).map((r) => r.data);
}

export function dohResolver(dohUrl: string): HostResolver {
  return async (hostname) => {
    const [a, aaaa] = await Promise.all([
      lookup(dohUrl, hostname, 'A'),
      lookup(dohUrl, hostname, 'AAAA'),
    ]);
    return [...a, ...aaaa];
  };
}
