/**
 * @module
 * `Idempotency-Key` on a customer's writes (create a ticket, add to one, attach a file): the
 * same key from the same customer on the same route within 24 hours gets the first answer again
 * (with `Idempotent-Replayed: true`) and changes nothing, so a double click or a retry after a
 * lost answer cannot write twice. Without the header a request runs as before. Placed after the
 * route's `requireCustomer` or `customerSession`, around whatever the route does.
 */
import { createMiddleware } from 'hono/factory';
import {
  answerUnder,
  claimKey,
  keepAnswer,
  releaseKey,
  type IdempotencyScope,
  type StoredAnswer,
} from '../domain/idempotency.ts';
import type { AppEnv } from '../env.ts';
import { checkCustomer } from './customer-auth.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../ports.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Visible ASCII, as long as a UUID or a little more: what clients send. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** How long a repeat waits for the first request's answer before asking the client to retry. */
const WAIT_STEP_MS = 100;
const WAIT_STEPS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Claims the key, or waits for the answer given under it; null when this request may run. */
async function claimOrWait(
  db: Database,
  scope: IdempotencyScope,
  now: () => Date,
): Promise<StoredAnswer | null> {
  for (let step = 0; step < WAIT_STEPS; step++) {
    if (await claimKey(db, scope, now())) return null;
    const answer = await answerUnder(db, scope);
    if (answer && answer !== 'running') return answer;
    if (answer === 'running') await sleep(WAIT_STEP_MS);
  }
  throw new ApiError('service_unavailable');
}

export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return next();
  if (!KEY.test(key)) throw new ApiError('validation_failed', { [IDEMPOTENCY_HEADER]: 'invalid' });
  const { db, clock } = c.var.ports;
  // Behind `customerSession` the route would check the session with its reads: here, first.
  const customer = await checkCustomer(c);
  const scope = { customerId: customer.id, key: `${c.req.method} ${c.req.path} ${key}` };
  const earlier = await claimOrWait(db, scope, () => clock.now());
  if (earlier) {
    return c.body(earlier.body, earlier.status as 200, {
      'Content-Type': 'application/json',
      'Idempotent-Replayed': 'true',
    });
  }
  let kept = false;
  try {
    await next();
    if (c.res.ok && !c.error) {
      await keepAnswer(db, scope, { status: c.res.status, body: await c.res.clone().text() });
      kept = true;
    }
  } finally {
    if (!kept) await releaseKey(db, scope);
  }
});
