/**
 * @module
 * The baselines, served by the same runtime and adapter as the portal:
 * - `GET /bare`: a bare Hono JSON route;
 * - `GET /floor` (when `FLOOR_DATABASE` is set): the least a list route can do, the list page's
 *   own query (`FLOOR_SQL` with `FLOOR_ARGS`, as the portal sends it) prepared once through the
 *   synchronous `libsql` driver and its rows sent as JSON: no token, session, mapping or headers.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import Database from 'libsql';

const app = new Hono().get('/bare', (c) => c.json({ ok: true, items: [] }));

if (process.env.FLOOR_DATABASE) {
  const page = new Database(process.env.FLOOR_DATABASE).prepare(process.env.FLOOR_SQL!);
  const args = JSON.parse(process.env.FLOOR_ARGS!) as unknown[];
  app.get('/floor', (c) => c.json({ items: page.all(args) }));
}

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.once('SIGTERM', () => process.exit(0));
