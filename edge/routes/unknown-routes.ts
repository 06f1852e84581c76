/**
 * @module
 * The API's answer to a path or method it does not serve, as a route of its own added last, so
 * it holds wherever the app is mounted: Node serves the app inside a site with the demo pages,
 * whose own not-found answer is plain text. A path served with other methods is 405
 * `method_not_allowed` with `Allow`; anything else under `/api/` is 404 `not_found`.
 */
import type { Hono } from 'hono';
import { PatternRouter } from 'hono/router/pattern-router';
import type { AppEnv } from '../env.ts';
import { ApiError, renderError } from '../errors.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Adds the catch-all for `/api/*` after every route of `app`, whose paths it learns now. */
export function answerUnknownRoutes<A extends Hono<AppEnv>>(app: A): A {
  const served = new PatternRouter<string>();
  for (const { method, path } of app.routes) {
    if ((METHODS as readonly string[]).includes(method)) served.add(method, path, method);
  }
  app.all('/api/*', (c) => {
    const allowed: string[] = METHODS.filter((m) => served.match(m, c.req.path)[0].length > 0);
    if (!allowed.length) return renderError(new ApiError('not_found'), c);
    if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD');
    const response = renderError(new ApiError('method_not_allowed'), c);
    response.headers.set('Allow', allowed.join(', '));
    return response;
  });
  return app;
}
