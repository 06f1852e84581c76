/**
 * @module
 * The host resolver port on Node: every address the system resolver gives for a name (IPv4 and
 * IPv6), so a webhook URL whose name points inside the network is refused.
 */
import { lookup } from 'node:dns/promises';
import type { HostResolver } from '../ports.ts';

export const nodeResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
