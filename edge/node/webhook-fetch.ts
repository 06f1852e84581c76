/**
 * @module
 * How webhooks leave on Node: undici's fetch through connections whose addresses are checked as
 * they are connected to, by the same rule as the URL (`isForbiddenAddress`). The URL's check
 * (`refuseWebhookUrl`) resolves the name, and the connection used to resolve it again: a name
 * re-pointed in between (DNS rebinding) could reach inside the network. Here the addresses
 * checked are the ones connected to.
 */
import {
  lookup as systemLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOptions,
} from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import type { HostResolver } from '../ports.ts';
import { isForbiddenAddress } from '../webhooks/url-policy.ts';
import { nodeResolver } from './resolver.ts';

/** The subset of `dns.lookup` used here, so that a test can stand in for a DNS server. */
export type AllAddressesLookup = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

type ConnectLookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export interface WebhookFetchOptions {
  /** `ENVIRONMENT=development` lets webhooks reach this machine, as the URL check does. */
  development: boolean;
  lookup?: AllAddressesLookup;
}

export function nodeWebhookFetch({
  development,
  lookup = systemLookup,
}: WebhookFetchOptions): typeof fetch {
  // Called by `net.connect` for a name (never for an IP literal, which the URL check decides).
  const checkedLookup = (
    hostname: string,
    options: LookupOptions,
    callback: ConnectLookupCallback,
  ) => {
    lookup(hostname, { family: options.family, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!development && addresses.some((entry) => isForbiddenAddress(entry.address))) {
        const refused: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to a private or local address`,
        );
        refused.code = 'EWEBHOOKADDRESS';
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
  const dispatcher = new Agent({ connect: { lookup: checkedLookup } });
  return ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/** The webhook ports of a Node process: the system resolver, and connections checked as made. */
export function nodeWebhookPorts(environment: string): {
  resolveHost: HostResolver;
  webhookFetch: typeof fetch;
} {
  return {
    resolveHost: nodeResolver,
    webhookFetch: nodeWebhookFetch({ development: environment === 'development' }),
  };
}
