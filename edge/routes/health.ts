/**
 * @module
 * `GET /api/health`, for the operator's monitoring: asks the database (`select 1`) and the
 * attachment store (the size of an object that is never there) and answers 200 when both
 * answered, else 503 naming the part that failed. Public, no secrets, nothing about customers.
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import type { Health, HealthCheck } from '../../contract/types.ts';
import type { AppEnv } from '../env.ts';
import { errorSummary, logEvent } from '../lib/log.ts';

/** A part that has not answered in this long counts as failed. */
const CHECK_TIMEOUT_MS = 5000;

/** A key the server never makes (keys are random ids): a head of it answers "no such object". */
const PROBE_KEY = 'health/probe';

async function check(
  part: string,
  requestId: string,
  probe: () => Promise<unknown>,
): Promise<HealthCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch (error) {
    logEvent('error', { requestId, route: ROUTES.health, part, error: errorSummary(error) });
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = new Hono<AppEnv>().get(ROUTES.health, async (c) => {
  const { db, store } = c.var.ports;
  const requestId = c.var.requestId;
  const [database, attachments] = await Promise.all([
    check('database', requestId, () => db.run(sql`select 1`)),
    check('attachments', requestId, () => store.head(PROBE_KEY)),
  ]);
  const healthy = database === 'ok' && attachments === 'ok';
  const body: Health = { status: healthy ? 'ok' : 'failed', checks: { database, attachments } };
  c.header('Cache-Control', 'no-store');
  if (!healthy) c.set('errorCode', 'service_unavailable');
  return c.json(body, healthy ? 200 : 503);
});
