/**
 * @module
 * `Idempotency-Key` on a customer's writes (create a ticket, add to one, attach a file): the
 * same key from the same customer on the same route within 24 hours gets the first answer again
 * (with `Idempotent-Replayed: true`) and changes nothing, so a double click or a retry after a
 * lost answer cannot write twice. Without the header a request runs as before. Placed after the
 * route's `requireCustomer` or `customerSession`, around whatever the route does.
 */
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import {
  answerUnder,
  claimed,
  claimKey,
  claimWrites,
  keepAnswer,
  releaseKey,
  type IdempotencyScope,
  type StoredAnswer,
} from '../domain/idempotency.ts';
import type { AppEnv } from '../env.ts';
import { claimedCustomerId, writesCheckingCustomer } from './customer-auth.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Visible ASCII, as long as a UUID or a little more: what clients send. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** How long a repeat waits for the first request's answer before asking the client to retry. */
const WAIT_STEP_MS = 100;
const WAIT_STEPS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The answer given under the key once the request that claimed it has one; null when this
 * request may run after all (that one failed and gave the key up).
 */
async function waitForAnswer(
  db: Database,
  scope: IdempotencyScope,
  now: () => Date,
): Promise<StoredAnswer | null> {
  for (let step = 0; step < WAIT_STEPS; step++) {
    const answer = await answerUnder(db, scope);
    if (answer && answer !== 'running') return answer;
    if (answer === 'running') await sleep(WAIT_STEP_MS);
    else if (await claimKey(db, scope, now())) return null;
  }
  throw new ApiError('service_unavailable');
}

/**
 * Keeps the answer under the key; on Workers after the response has gone (`waitUntil`), so the
 * customer does not wait for it. A repeat meanwhile waits for it as for a running request. An
 * answer that could not be kept gives the key up, so that a repeat runs again.
 */
function keepAfter(c: Context<AppEnv>, scope: IdempotencyScope, answer: Promise<StoredAnswer>) {
  const { db } = c.var.ports;
  const kept = answer
    .then((stored) => keepAnswer(db, scope, stored))
    .catch(() => releaseKey(db, scope));
  try {
    c.executionCtx.waitUntil(kept);
    return Promise.resolve();
  } catch {
    // Node and Deno give no execution context: the request ends once the answer is kept.
    return kept;
  }
}

export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return next();
  if (!KEY.test(key)) throw new ApiError('validation_failed', { [IDEMPOTENCY_HEADER]: 'invalid' });
  const { db, clock } = c.var.ports;
  const scope = { customerId: claimedCustomerId(c), key: `${c.req.method} ${c.req.path} ${key}` };
  // The claim and the session check in one round trip: the session is checked before anything
  // is answered, a kept answer too, so a closed session never reads one.
  const [, results] = await writesCheckingCustomer(
    c,
    claimWrites(db, scope, clock.now()),
    (done) => (claimed(done) ? releaseKey(db, scope) : Promise.resolve()),
  );
  const earlier = claimed(results) ? null : await waitForAnswer(db, scope, () => clock.now());
  if (earlier) {
    return c.body(earlier.body, earlier.status as 200, {
      'Content-Type': 'application/json',
      'Idempotent-Replayed': 'true',
    });
  }
  let handedOver = false;
  try {
    await next();
    if (c.res.ok && !c.error) {
      const { status } = c.res;
      await keepAfter(
        c,
        scope,
        c.res
          .clone()
          .text()
          .then((body) => ({ status, body })),
      );
      handedOver = true;
    }
  } finally {
    if (!handedOver) await releaseKey(db, scope);
  }
});
