/**
 * @module
 * CORS from the configured allowlist only: an origin is echoed back when it is on the list and
 * never otherwise, and no credentials are involved (the widget sends a bearer token).
 */
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

function allowedOrigin(origin: string, c: Context<AppEnv>): string | null {
  return c.get('ports').config.ALLOWED_ORIGINS.includes(origin) ? origin : null;
}

const preflight = cors({
  origin: allowedOrigin,
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  exposeHeaders: ['Content-Disposition', 'X-Request-Id'],
  maxAge: 600,
});

export const corsFromConfig = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'OPTIONS') return preflight(c, next);
  await next();
  // Set on the handler's response as it is: Hono's cors touches `c.res` before the handler runs
  // (and `c.header` after it), which makes every response a copy with a streamed body, and
  // @hono/node-server then writes it through its slow stream path.
  const headers = c.res.headers;
  const origin = allowedOrigin(c.req.header('origin') ?? '', c);
  if (origin) headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Expose-Headers', 'Content-Disposition, X-Request-Id');
  headers.append('Vary', 'Origin');
});
