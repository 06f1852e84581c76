/**
 * @module
 * The Workers baseline: a bare Hono JSON route, served by workerd under `wrangler dev` as the
 * portal's Worker is.
 */
import { Hono } from 'hono';

export default new Hono().get('/bare', (c) => c.json({ ok: true, items: [] }));
