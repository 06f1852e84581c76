/**
 * @module
 * Customer authentication: a bearer access token whose session is still open, whose customer is
 * active, and whose token version is current. The customer always comes from here, never from
 * the request's input.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { preparedQuery } from '../db/prepared.ts';
import type { ResultSet } from '@libsql/client';
import { readTogether, writeThenRead, type Read, type Results, type Write } from '../db/reads.ts';
import { customers, sessions, type CustomerRow } from '../db/schema.ts';
import type { AppEnv } from '../env.ts';
import type { Database } from '../ports.ts';
import { ApiError } from '../errors.ts';
import { fromBase64Url } from '../lib/encoding.ts';
import { verifyAccessToken, type AccessClaims } from '../lib/tokens.ts';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Tokens whose signature has been verified, per secret, with their claims and expiry. Checking
 * an HMAC through WebCrypto costs more than all the rest of a ticket list (see BENCHMARKS.md);
 * a token's signature never changes, and its session is still read from the database on every
 * request, so log out, password changes and deactivation take effect at once.
 */
const verified = new Map<string, Map<string, { claims: AccessClaims; expiresAt: number }>>();
const MAX_VERIFIED = 10_000;

/** The `exp` of a token already verified, in milliseconds. */
function expiryOf(token: string): number {
  const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(token.split('.')[1]!)));
  return Number(payload.exp) * 1000;
}

async function verifiedClaims(token: string, secret: string, now: Date) {
  let known = verified.get(secret);
  const hit = known?.get(token);
  if (hit && now.getTime() < hit.expiresAt) return hit.claims;
  const claims = await verifyAccessToken(token, secret, now);
  if (!claims) return null;
  if (!known) verified.set(secret, (known = new Map()));
  // The oldest entry goes first: a Map iterates in insertion order.
  if (known.size >= MAX_VERIFIED) known.delete(known.keys().next().value!);
  known.set(token, { claims, expiresAt: expiryOf(token) });
  return claims;
}

/** The token's session, still open, with its customer, active and at the token's version. */
function sessionCheck(db: Database) {
  return db
    .select({ customer: customers })
    .from(sessions)
    .innerJoin(customers, eq(customers.id, sessions.customerId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.customerId, sql.placeholder('customerId')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(customers.tokenVersion, sql.placeholder('tokenVersion')),
        eq(customers.active, true),
      ),
    )
    .limit(1)
    .prepare();
}

/** A token verified by `customerSession`, whose session the route's reads will check. */
export interface PendingSession {
  claims: AccessClaims;
  now: Date;
}

/**
 * The customer row each open session's check returned last, in this process (isolate): a read
 * route builds its queries for it and sends them with the session check, which must return
 * the same row for the answer to stand (`customerReads`).
 */
const lastSeen = new Map<string, CustomerRow>();
const MAX_LAST_SEEN = 10_000;

function remember(sessionId: string, customer: CustomerRow): void {
  lastSeen.delete(sessionId);
  if (lastSeen.size >= MAX_LAST_SEEN) lastSeen.delete(lastSeen.keys().next().value!);
  lastSeen.set(sessionId, customer);
}

// Variables are read with `c.get`: Hono's `c.var` copies all of them into a new object on every
// read, and every API request passes here.
async function tokenClaims(c: Context<AppEnv>): Promise<PendingSession> {
  const { config, clock } = c.get('ports');
  const token = bearerToken(c.req.header('authorization'));
  const now = clock.now();
  const claims = token && (await verifiedClaims(token, config.TOKEN_SECRET, now));
  if (!claims) throw new ApiError('unauthenticated');
  return { claims, now };
}

function sessionCheckRead(db: Database, { claims, now }: PendingSession) {
  return preparedQuery(db, 'session check', sessionCheck).getRead({
    sessionId: claims.sid,
    customerId: claims.sub,
    now: sessions.expiresAt.mapToDriverValue(now),
    tokenVersion: claims.ver,
  });
}

/**
 * Writes a middleware leaves for the request's first round trip to make, in one write
 * transaction before the session check and the route's first reads (`idempotent`'s claim of
 * its key), so that they cost no round trip of their own.
 */
export interface FirstWrites {
  writes: Write[];
  /**
   * Given their results once the session is known to be open, before the route sees its reads;
   * may stop the route by throwing (the key is another request's).
   */
  made(results: ResultSet[]): Promise<void>;
  /** Given their results when the session was not open: takes back what they did. */
  undo(results: ResultSet[]): Promise<void>;
}

/**
 * The session check and `reads` in one round trip, with the writes a middleware left for it;
 * unauthenticated when the session is not open.
 */
async function checkedWith<const R extends readonly Read<unknown>[]>(
  c: Context<AppEnv>,
  pending: PendingSession,
  reads: R,
): Promise<[CustomerRow, ...Results<R>]> {
  const { db } = c.get('ports');
  const first = c.get('firstWrites');
  const all = [sessionCheckRead(db, pending), ...reads] as const;
  let written: ResultSet[] = [];
  let row: { customer: CustomerRow } | undefined;
  let results: unknown[];
  if (first) {
    c.set('firstWrites', undefined);
    [written, row, ...results] = await writeThenRead(db, first.writes, all);
  } else {
    [row, ...results] = await readTogether(db, all);
  }
  if (!row) {
    lastSeen.delete(pending.claims.sid);
    await first?.undo(written);
    throw new ApiError('unauthenticated');
  }
  c.set('customer', row.customer);
  c.set('sessionId', pending.claims.sid);
  await first?.made(written);
  return [row.customer, ...(results as Results<R>)];
}

/**
 * Checks the customer's session on its own (a round trip), unless this request already has:
 * for routes that need the customer before they know what to read.
 */
export async function checkCustomer(c: Context<AppEnv>): Promise<CustomerRow> {
  // Route groups may each ask for a customer on the same path: check once per request.
  if (c.get('customer')) return c.get('customer');
  const pending = c.get('pendingSession') ?? (await tokenClaims(c));
  const [customer] = await checkedWith(c, pending, []);
  remember(pending.claims.sid, customer);
  return customer;
}

/**
 * The customer's id as their token names it: verified, but whether their session is still open
 * is only known once it is checked (`checkCustomer`, `customerReads`).
 */
export function claimedCustomerId(c: Context<AppEnv>): string {
  const id = c.get('customer')?.id ?? c.get('pendingSession')?.claims.sub;
  if (!id) throw new Error('claimedCustomerId needs customerSession or requireCustomer first');
  return id;
}

/** The customer is checked before the handler runs: for routes that read little. */
export const requireCustomer = createMiddleware<AppEnv>(async (c, next) => {
  await checkCustomer(c);
  await next();
});

/**
 * For routes that read before they answer or write: the token is verified here, and the session
 * is checked by the handler's `customerReads`, in the same round trip to the database as the
 * route's own reads. A handler behind this middleware learns its customer only from
 * `customerReads` (or `checkCustomer`).
 */
export const customerSession = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('customer')) c.set('pendingSession', await tokenClaims(c));
  await next();
});

/**
 * Whether the check returned the row the reads were built for: value by value, dates by their
 * time (comparing the rows as JSON cost 9 µs a request). A value that is neither a date nor a
 * primitive counts as changed, so the reads are made again: never a wrong answer.
 */
function sameRow(a: CustomerRow, b: CustomerRow): boolean {
  const keys = Object.keys(a) as (keyof CustomerRow)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const [x, y] = [a[key], b[key]];
    return x instanceof Date ? y instanceof Date && x.getTime() === y.getTime() : x === y;
  });
}

/**
 * The customer (checked as `requireCustomer` checks them) and the results of the reads `build`
 * makes for them, in one round trip when this process has seen the session before: the reads
 * are built for the customer its last check returned and sent with the check, and stand only if
 * the check returns the same row (else they are read again for the row it returned). Nothing
 * is answered before the session is known to be open.
 */
export async function customerReads<const R extends readonly Read<unknown>[]>(
  c: Context<AppEnv>,
  build: (customer: CustomerRow) => R,
): Promise<[CustomerRow, ...Results<R>]> {
  const { db } = c.get('ports');
  const checked = c.get('customer');
  if (checked) return [checked, ...(await readTogether(db, build(checked)))];
  const pending = c.get('pendingSession');
  if (!pending) throw new Error('customerReads needs customerSession or requireCustomer first');
  const sessionId = pending.claims.sid;
  let seen = lastSeen.get(sessionId);
  let reads = [] as unknown as R;
  try {
    if (seen) reads = build(seen);
  } catch {
    // Refused for the row seen last (a scope it had not): the check alone decides, then `build`.
    seen = undefined;
  }
  const [customer, ...results] = await checkedWith(c, pending, reads);
  if (seen && sameRow(seen, customer)) return [customer, ...results];
  remember(sessionId, customer);
  return [customer, ...(await readTogether(db, build(customer)))];
}
