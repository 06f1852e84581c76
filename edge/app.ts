/**
 * @module
 * Builds the portal's Hono app from its ports. No runtime code here: `worker.ts`, `node.ts` and
 * `deno.ts` wire the ports and serve what this returns. The app is built once per process (per
 * isolate on Workers); where the ports depend on the runtime's env (the Worker's bindings and
 * settings), they come from a function of it, called once per request.
 */
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { ApiError, renderError } from './errors.ts';
import { decoyHash } from './lib/password.ts';
import { setSecurityHeaders } from './lib/security-headers.ts';
import { corsFromConfig } from './middleware/cors.ts';
import { requestLog } from './middleware/request-log.ts';
import type { Ports } from './ports.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { captchaRoutes } from './routes/captcha.ts';
import { categoryRoutes } from './routes/categories.ts';
import { colleagueRoutes } from './routes/colleagues.ts';
import { configRoutes } from './routes/config.ts';
import { deskRoutes } from './routes/desk/index.ts';
import { healthRoutes } from './routes/health.ts';
import { meRoutes } from './routes/me.ts';
import { partnerSessionRoutes } from './routes/partner-session.ts';
import { passwordRoutes } from './routes/password.ts';
import { ratingLinkRoutes } from './routes/rating-links.ts';
import { ratingRoutes } from './routes/ratings.ts';
import { replyRoutes } from './routes/replies.ts';
import { ticketCountRoutes } from './routes/ticket-counts.ts';
import { sessionRoutes } from './routes/session.ts';
import { ticketActionRoutes } from './routes/ticket-actions.ts';
import { ticketSearchRoutes } from './routes/ticket-search.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { answerUnknownRoutes } from './routes/unknown-routes.ts';

/** The same ports for every request, or the ports of a request from the runtime's env. */
export type PortsSource = Ports | ((env: unknown) => Ports);

export function createApp(source: PortsSource) {
  const portsOf = typeof source === 'function' ? source : () => source;
  // Made now so the first login for an unknown e-mail costs no more than any other (on Workers,
  // where nothing random may be made outside a request, by the first request: see worker.ts).
  if (typeof source !== 'function') void decoyHash(source.config.PBKDF2_ITERATIONS);
  const app = new Hono<AppEnv>();
  app.onError(renderError);
  // Returned, not thrown: a throw from the not-found handler skips the middleware below on its
  // way out, and the 404 went without its security headers.
  app.notFound((c) => renderError(new ApiError('not_found'), c));
  app.use('*', requestLog);
  app.use('/api/*', async (c, next) => {
    c.set('ports', portsOf(c.env));
    await next();
  });
  app.use('/api/*', corsFromConfig);
  app.use('/api/*', async (c, next) => {
    await next();
    // On the response's own headers: `c.header` after the handler would copy the response into
    // one with a streamed body (see middleware/cors.ts).
    const headers = c.res.headers;
    setSecurityHeaders(headers, c.req.url);
    // Answers depend on who asks (a bearer token, a link's token): no cache may keep one, unless
    // its route says it is the same for everyone (config).
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    if (!/\bpublic\b/.test(headers.get('Cache-Control')!)) headers.append('Vary', 'Authorization');
  });
  const routed = app
    .route('/', healthRoutes)
    .route('/', configRoutes)
    .route('/', sessionRoutes)
    .route('/', partnerSessionRoutes)
    .route('/', captchaRoutes)
    .route('/', passwordRoutes)
    .route('/', meRoutes)
    .route('/', categoryRoutes)
    .route('/', ticketRoutes)
    .route('/', ticketSearchRoutes)
    .route('/', ticketCountRoutes)
    .route('/', replyRoutes)
    .route('/', ticketActionRoutes)
    .route('/', attachmentRoutes)
    .route('/', ratingRoutes)
    .route('/', ratingLinkRoutes)
    .route('/', colleagueRoutes)
    .route('/', deskRoutes);
  return answerUnknownRoutes(routed);
}

export type PortalApp = ReturnType<typeof createApp>;
