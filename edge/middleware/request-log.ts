/**
 * @module
 * Every request gets an id, answered in `X-Request-Id`: Cloudflare's `cf-ray` when there is one,
 * else the caller's own `X-Request-Id` when it looks like an id, else a new one. Every answer
 * with an error status is logged as one JSON line with that id, the route pattern (never the
 * path, which may carry a rating token), the status, the duration and the error code.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { BodyAbortedError } from '../errors.ts';
import { errorSummary, logEvent } from '../lib/log.ts';

/** Letters, digits, `-`, `_` and `=`: nothing that could forge a second log field or line. */
const ID = /^[\w=-]{1,200}$/;

function requestIdOf(request: Request): string {
  for (const name of ['cf-ray', 'x-request-id']) {
    const value = request.headers.get(name);
    if (value && ID.test(value)) return value;
  }
  return crypto.randomUUID();
}

export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  const requestId = requestIdOf(c.req.raw);
  c.set('requestId', requestId);
  await next();
  // On the response's own headers, as in middleware/cors.ts: `c.header` after the handler
  // copies the response into one with a streamed body.
  c.res.headers.set('X-Request-Id', requestId);
  const status = c.res.status;
  if (status < 400) return;
  logEvent(status >= 500 ? 'error' : 'warn', {
    requestId,
    method: c.req.method,
    route: c.req.routePath,
    status,
    durationMs: Date.now() - started,
    code: c.var.errorCode,
    ...((status >= 500 || c.error instanceof BodyAbortedError) &&
      c.error && { error: errorSummary(c.error) }),
  });
});
