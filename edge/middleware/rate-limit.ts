/**
 * @module
 * Rate limits on login, forgotten password and reset: per client address and, when the body has
 * one, per e-mail; on login also a lockout after repeated failures for one e-mail. Over a limit
 * the answer is 429 `rate_limited` with `retryAfterSeconds` and a `Retry-After` header. Placed
 * after body validation, so the e-mail read here is the validated one. On Workers with the
 * rate-limiting bindings, Cloudflare counts the address and e-mail limits (their limit and period
 * are in wrangler.toml); the lockout, which spans minutes, is counted in the database everywhere.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { errorBody } from '../errors.ts';
import {
  countAttempt,
  currentWindow,
  dropExpiredWindows,
  secondsUntil,
} from '../domain/rate-limits.ts';
import { clientAddress } from '../lib/client-address.ts';

export type LimitedAction = 'login' | 'forgot' | 'reset' | 'partner';

export const lockoutKey = (email: string) => `lockout:${email.trim().toLowerCase()}`;

const emailKey = (action: LimitedAction, email: string) =>
  `${action}:email:${email.trim().toLowerCase()}`;

/**
 * The windows counted in the database that keep an e-mail from logging in: its lockout and its
 * login attempts (on Workers the latter is Cloudflare's, for a minute at most).
 */
export const loginWindows = (email: string) => [lockoutKey(email), emailKey('login', email)];

function rateLimited(c: Context<AppEnv>, retryAfterSeconds: number) {
  const body = errorBody('rate_limited');
  c.set('errorCode', 'rate_limited');
  return c.json({ error: { ...body.error, retryAfterSeconds } }, 429, {
    'Retry-After': String(retryAfterSeconds),
  });
}

async function emailOf(c: Context<AppEnv>): Promise<string | null> {
  const body = (await c.req.json().catch(() => null)) as { email?: unknown } | null;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : null;
}

export function rateLimit(action: LimitedAction) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, config, clock } = c.var.ports;
    const now = clock.now();
    const window = config.RATE_LIMIT_WINDOW_SECONDS;
    // About one request in fifty sweeps finished windows: cheap, and no job needed.
    if (Math.random() < 0.02) await dropExpiredWindows(db, now);

    const email = await emailOf(c);
    if (action === 'login' && email) {
      const lock = await currentWindow(db, lockoutKey(email), now);
      if (lock && lock.count >= config.LOCKOUT_FAILURES)
        return rateLimited(c, secondsUntil(lock.resetAt, now));
    }
    const checks: [string, number, 'address' | 'email'][] = [
      [`${action}:address:${clientAddress(c)}`, config.RATE_LIMIT_PER_ADDRESS, 'address'],
    ];
    if (email) checks.push([emailKey(action, email), config.RATE_LIMIT_PER_EMAIL, 'email']);
    const edge = c.var.ports.edgeRateLimits;
    for (const [key, limit, kind] of checks) {
      if (edge) {
        const { success } = await edge[kind].limit({ key });
        if (!success) return rateLimited(c, edge.periodSeconds);
        continue;
      }
      const counted = await countAttempt(db, key, window, now);
      if (counted.count > limit) return rateLimited(c, secondsUntil(counted.resetAt, now));
    }
    await next();
  });
}

/** Counts a failed login toward the e-mail's lockout. */
export async function countLoginFailure(c: Context<AppEnv>, email: string): Promise<void> {
  const { db, config, clock } = c.var.ports;
  await countAttempt(db, lockoutKey(email), config.LOCKOUT_SECONDS, clock.now());
}
