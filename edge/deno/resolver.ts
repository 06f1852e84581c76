/**
 * @module
 * The host resolver port under Deno: a name's A and AAAA records through `Deno.resolveDns`,
 * which asks DNS, not the hosts file. A name with neither, or none to be had (no permission to
 * reach a DNS server: `deno serve` needs `--allow-net`), resolves to nothing, so its webhook URL
 * is refused rather than let through unchecked.
 */
import type { HostResolver } from '../ports.ts';
import { deno } from './deno-api.ts';

export const denoResolver: HostResolver = async (hostname) => {
  const answers = await Promise.allSettled([
    deno.resolveDns(hostname, 'A'),
    deno.resolveDns(hostname, 'AAAA'),
  ]);
  return answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
};
