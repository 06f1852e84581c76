/**
 * @module
 * What the Node server checks in its settings before it listens: a refusal stops the start with
 * its reason, notices are printed and the start goes on. Development mounts the mail outbox
 * (live set-password links) and the demo partner's token endpoint, which must not be reachable
 * from the network unless the demo is shared on purpose. Further checks (production settings)
 * belong here too.
 */
import ipaddr from 'ipaddr.js';

export interface StartupCheck {
  /** Why the server must not start; null when it may. */
  refusal: string | null;
  /** What to print on start. */
  notices: string[];
}

/** The address `edge/node.ts` listens on when HOST is unset. */
export const DEFAULT_HOST = '127.0.0.1';

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback';
}

export function startupCheck(env: Record<string, string | undefined>): StartupCheck {
  const notices: string[] = [];
  const host = env.HOST ?? DEFAULT_HOST;
  const development = (env.ENVIRONMENT ?? 'development') === 'development';
  if (development && !isLoopback(host)) {
    if (env.SHARE_DEMO !== '1') {
      return {
        refusal:
          `Refusing to listen on HOST=${host} in development: /dev/outbox (set-password links) ` +
          'and /dev/partner-token would be reachable from the network. Use a loopback address, ' +
          'set ENVIRONMENT=production, or set SHARE_DEMO=1 if this demo is meant to be shared.',
        notices,
      };
    }
    notices.push(
      `SHARE_DEMO=1: this development demo listens on ${host}; anyone who reaches it can read ` +
        '/dev/outbox (set-password links) and get tokens from /dev/partner-token.',
    );
  }
  return { refusal: null, notices };
}
