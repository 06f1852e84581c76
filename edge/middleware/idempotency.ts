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
import { claimedCustomerId } from './customer-auth.ts';
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
  const { db } = c.get('ports');
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

/** Thrown into the route when another request holds the key: its answer is given instead. */
class AnsweredUnderKey extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('answered under this Idempotency-Key before');
    this.name = 'AnsweredUnderKey';
  }
}

function replayed(answer: StoredAnswer) {
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
  });
}

export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return next();
  if (!KEY.test(key)) throw new ApiError('validation_failed', { [IDEMPOTENCY_HEADER]: 'invalid' });
  const { db, clock } = c.get('ports');
  const scope = { customerId: claimedCustomerId(c), key: `${c.req.method} ${c.req.path} ${key}` };
  const now = () => clock.now();
  let claimedHere = false;
  if (c.get('customer')) {
    // The session was checked already (`requireCustomer`): the claim goes on its own.
    const earlier = (await claimKey(db, scope, now())) ? null : await waitForAnswer(db, scope, now);
    if (earlier) return replayed(earlier);
    claimedHere = true;
  } else {
    // The claim rides with the route's first round trip, its session check and first reads
    // (`FirstWrites`): nothing is answered, a kept answer neither, before the session is
    // known to be open. A request that stops before it reads (a refused body) claims nothing.
    c.set('firstWrites', {
      writes: claimWrites(db, scope, now()),
      async made(results) {
        const earlier = claimed(results) ? null : await waitForAnswer(db, scope, now);
        if (earlier) throw new AnsweredUnderKey(earlier);
        claimedHere = true;
      },
      undo: (results) => (claimed(results) ? releaseKey(db, scope) : Promise.resolve()),
    });
  }
  let handedOver = false;
  try {
    await next();
    const error = c.error;
    if (error instanceof AnsweredUnderKey) {
      c.error = undefined;
      c.set('errorCode', undefined);
      c.res = replayed(error.answer);
      return;
    }
    if (!claimedHere && c.res.ok) {
      // A route behind this middleware must read through `customerReads` or `checkCustomer`
      // before it writes: answering without that would have written without the claim.
      throw new Error(`${c.req.path} answered without claiming its Idempotency-Key`);
    }
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
    if (claimedHere && !handedOver) await releaseKey(db, scope);
  }
});
