/**
 * @module
 * Rate limits on login, forgotten password and reset: per client address and, when the body has
 * one, per e-mail; on login also a lockout after repeated failures for one e-mail (the log in
 * route checks it with its read of the customer, `lockedOut`, then counts: `countLimits`). Over a limit
 * the answer is 429 `rate_limited` with `retryAfterSeconds` and a `Retry-After` header. Placed
 * after body validation, so the e-mail read here is the validated one. The forgotten password
 * counts its e-mail only once the captcha and `returnTo` pass (`emailLimit`), so that requests
 * anyone can make without solving one cannot lock the owner out; they count for their address. On Workers with the
 * rate-limiting bindings, Cloudflare counts the address and e-mail limits (their limit and period
 * are in wrangler.toml); the lockout, which spans minutes, is counted in the database everywhere.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { errorBody } from '../errors.ts';
import {
  countAttempt,
  dropExpiredWindows,
  secondsUntil,
  type Window,
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

/** Seconds to wait when `key` is over `limit` after counting this attempt; null when within. */
async function overLimit(
  c: Context<AppEnv>,
  key: string,
  limit: number,
  kind: 'address' | 'email',
): Promise<number | null> {
  const { db, config, clock, edgeRateLimits: edge } = c.var.ports;
  if (edge) {
    const { success } = await edge[kind].limit({ key });
    return success ? null : edge.periodSeconds;
  }
  const now = clock.now();
  const counted = await countAttempt(db, key, config.RATE_LIMIT_WINDOW_SECONDS, now);
  return counted.count > limit ? secondsUntil(counted.resetAt, now) : null;
}

export interface RateLimitOptions {
  /**
   * Leave the e-mail's limit to the route, which counts it with `emailLimit` once the request
   * has proved itself (a solved captcha): junk must not use up the owner's attempts.
   */
  emailCountedByRoute?: boolean;
}

/**
 * Counts this attempt for the client's address and, unless the route counts it later, for its
 * e-mail; the 429 to answer when one is over its limit, else null. The log in route calls this
 * itself, after its lockout check.
 */
export async function countLimits(
  c: Context<AppEnv>,
  action: LimitedAction,
  email: string | null,
  options: RateLimitOptions = {},
): Promise<Response | null> {
  const address = `${action}:address:${clientAddress(c)}`;
  const wait = await overLimit(c, address, c.var.ports.config.RATE_LIMIT_PER_ADDRESS, 'address');
  if (wait !== null) return rateLimited(c, wait);
  if (email && !options.emailCountedByRoute) return emailLimit(c, action, email);
  return null;
}

export function rateLimit(action: LimitedAction, options: RateLimitOptions = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, clock } = c.var.ports;
    // About one request in fifty sweeps finished windows: cheap, and no job needed.
    if (sweepsWindows()) await dropExpiredWindows(db, clock.now());
    const limited = await countLimits(c, action, await emailOf(c), options);
    if (limited) return limited;
    await next();
  });
}

/** Counts an attempt for `email`; the 429 to answer when it is over its limit, else null. */
export async function emailLimit(
  c: Context<AppEnv>,
  action: LimitedAction,
  email: string,
): Promise<Response | null> {
  const limit = c.var.ports.config.RATE_LIMIT_PER_EMAIL;
  const wait = await overLimit(c, emailKey(action, email), limit, 'email');
  return wait === null ? null : rateLimited(c, wait);
}

/** Whether this request sweeps finished windows: about one in fifty. */
export const sweepsWindows = () => Math.random() < 0.02;

/**
 * Refuses a log in while its e-mail is locked out after repeated failures, from its lockout
 * window (`currentWindowRead`, which the route reads with the customer); null when not locked.
 */
export function lockedOut(c: Context<AppEnv>, lock: Window | undefined): Response | null {
  const { config, clock } = c.var.ports;
  if (!lock || lock.count < config.LOCKOUT_FAILURES) return null;
  return rateLimited(c, secondsUntil(lock.resetAt, clock.now()));
}

/** Counts a failed login toward the e-mail's lockout. */
export async function countLoginFailure(c: Context<AppEnv>, email: string): Promise<void> {
  const { db, config, clock } = c.var.ports;
  await countAttempt(db, lockoutKey(email), config.LOCKOUT_SECONDS, clock.now());
}
