/**
 * @module
 * The client's address for rate limits: a configured trusted proxy's header when set, else what
 * the runtime itself saw. A client-chosen header such as X-Forwarded-For is never read unless
 * the operator names it, since anyone could put a new address in it on every request.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

export function clientAddress(c: Context<AppEnv>): string {
  const { config, clientAddress: fromRuntime } = c.var.ports;
  if (config.CLIENT_IP_HEADER) {
    // A trusted proxy appends what it saw: the last entry is the one it vouches for.
    const value = c.req.header(config.CLIENT_IP_HEADER)?.split(',').at(-1)?.trim();
    if (value) return value;
  }
  return fromRuntime?.(c.req.raw, c.env) ?? 'unknown';
}
