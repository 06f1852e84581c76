/**
 * Every route names its own authentication. Each route of the contract (`contract/routes.ts`,
 * `contract/desk-routes.ts`) with each method the app serves it under is requested without a
 * token or key and must answer 401 `unauthenticated` in the JSON error shape, unless it is on the
 * short public list below. The same holds for every route module mounted alone, so moving or
 * reordering a mount in `edge/app.ts` cannot open a route.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { AppEnv } from '../../edge/env.ts';
import { renderError } from '../../edge/errors.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { assertRefusal } from './support.ts';

/**
 * Routes anyone may call: logging in, the captcha, set-password links, one-click ratings, and the
 * monitor's health check (which says only whether the database and the store answer).
 */
const PUBLIC = new Set([
  `GET ${ROUTES.config}`,
  `GET ${ROUTES.health}`,
  `POST ${ROUTES.session}`,
  `POST ${ROUTES.partnerSession}`,
  `GET ${ROUTES.captcha}`,
  `POST ${ROUTES.passwordForgot}`,
  `POST ${ROUTES.passwordReset}`,
  `GET ${ROUTES.ratingLink}`,
  `POST ${ROUTES.ratingLink}`,
]);

const CONTRACT = new Set<string>([...Object.values(ROUTES), ...Object.values(DESK_ROUTES)]);

let portal: TestPortal;
before(async () => {
  portal = await startPortal();
});
after(() => portal.close());

/** The routes an app serves: method and pattern, without the middleware every path passes. */
function servedRoutes(app: Hono<AppEnv>) {
  const seen = new Set<string>();
  for (const { method, path } of app.routes)
    if (method !== 'ALL' && CONTRACT.has(path)) seen.add(`${method} ${path}`);
  return [...seen].map((route) => {
    const [method, path] = route.split(' ') as [string, string];
    return { route, method, path };
  });
}

/** A request without credentials, with a JSON body where one is expected. */
async function anonymous(app: Hono<AppEnv>, method: string, path: string) {
  // A real ticket number and plausible ids: an open route would answer them, not 404.
  const url = path.replace(':number', '1001').replace(/:\w+/g, 'x');
  const hasBody = method !== 'GET' && method !== 'DELETE';
  return app.request(url, {
    method,
    headers: hasBody
      ? { 'content-type': 'application/json', origin: 'https://shop.example.com' }
      : {},
    body: hasBody ? '{}' : undefined,
  });
}

async function assertUnauthenticated(response: Response, route: string) {
  const body = await assertRefusal(response, route);
  assert.equal(response.status, 401, route);
  assert.equal(body.error.code, 'unauthenticated', route);
  assert.ok(body.error.message, `${route}: a message`);
}

describe('the whole app', () => {
  test('serves every route of the contract and nothing under /api outside it', () => {
    const served = new Set(servedRoutes(portal.app as unknown as Hono<AppEnv>).map((r) => r.path));
    for (const path of CONTRACT) assert.ok(served.has(path), `${path} is not served`);
    for (const { method, path } of portal.app.routes)
      if (method !== 'ALL')
        assert.ok(CONTRACT.has(path), `${method} ${path} is served but not in the contract`);
  });

  test('answers every customer and desk route without credentials with 401', async () => {
    const routes = servedRoutes(portal.app as unknown as Hono<AppEnv>);
    const guarded = routes.filter((r) => !PUBLIC.has(r.route));
    assert.ok(guarded.length > 30, `only ${guarded.length} guarded routes found`);
    for (const { route, method, path } of guarded)
      await assertUnauthenticated(await anonymous(portal.app as never, method, path), route);
  });

  test('every public route is served, so the list above stays true', () => {
    const served = new Set(servedRoutes(portal.app as unknown as Hono<AppEnv>).map((r) => r.route));
    for (const route of PUBLIC) assert.ok(served.has(route), `${route} is not served`);
  });
});

describe('each route module mounted alone', () => {
  const folders = ['../../edge/routes/', '../../edge/routes/desk/'];
  const files = folders.flatMap((folder) =>
    readdirSync(new URL(folder, import.meta.url))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => new URL(folder + name, import.meta.url).href),
  );

  test('still asks for a token or key on every route it does not list as public', async () => {
    let modules = 0;
    for (const file of files) {
      const exports: Record<string, unknown> = await import(file);
      for (const [name, value] of Object.entries(exports)) {
        if (!(value instanceof Hono)) continue;
        modules++;
        const app = new Hono<AppEnv>();
        app.onError(renderError);
        app.use('*', async (c, next) => {
          c.set('ports', portal.ports);
          await next();
        });
        app.route('/', value as Hono<AppEnv>);
        for (const { route, method, path } of servedRoutes(app))
          if (!PUBLIC.has(route))
            await assertUnauthenticated(await anonymous(app, method, path), `${name}: ${route}`);
      }
    }
    assert.ok(modules >= 20, `only ${modules} route modules found`);
  });
});
