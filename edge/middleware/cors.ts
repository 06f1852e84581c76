/**
 * @module
 * CORS from the configured allowlist only: an origin is echoed back when it is on the list and
 * never otherwise, and no credentials are involved (the widget sends a bearer token).
 */
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

export const corsFromConfig = createMiddleware<AppEnv>((c, next) => {
  const allowed = new Set(c.var.ports.config.ALLOWED_ORIGINS);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['Content-Disposition'],
    maxAge: 600,
  })(c, next);
});
