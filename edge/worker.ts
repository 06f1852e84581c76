/**
 * @module
 * The Cloudflare Workers entry point: libSQL over HTTP (a libSQL server or Turso), attachments in
 * the R2 bucket bound as `ATTACHMENTS`, configuration and secrets from the Worker's environment.
 */
import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { ExecutionContext } from 'hono';
import { createApp, type PortalApp } from './app.ts';
import { loadConfig } from './config.ts';
import * as schema from './db/schema.ts';
import { runLoggedJob } from './jobs/scheduled.ts';
import { boundedDatabaseFetch } from './lib/database-fetch.ts';
import { withSecurityHeaders } from './lib/security-headers.ts';
import { mailerFromConfig } from './mail/mailer.ts';
import { systemClock, type AttachmentStore, type Ports, type RateLimitBinding } from './ports.ts';
import { r2Store } from './workers/r2-store.ts';
import { checkedPortal } from './workers/start-check.ts';

/**
 * The bindings of wrangler.toml. `ATTACHMENTS` is an `R2Bucket`, typed by the subset the portal
 * uses, since the global Workers types clash with the DOM types the rest of the code builds on.
 */
export interface WorkerEnv extends Record<string, unknown> {
  ATTACHMENTS: AttachmentStore;
  LIBSQL_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** Cloudflare's rate-limiting bindings of wrangler.toml; without them the database counts. */
  RATE_LIMIT_ADDRESS?: RateLimitBinding;
  RATE_LIMIT_EMAIL?: RateLimitBinding;
}

/** The `period` of both `[[ratelimits]]` bindings in wrangler.toml. */
const RATE_LIMIT_PERIOD_SECONDS = 60;

interface Portal {
  ports: Ports;
  app: PortalApp;
}

/**
 * Built for each request: workerd refuses to let one request await I/O that another started,
 * and a libSQL client shared by the isolate queues each request's queries behind the others'
 * (tests/runtimes/workers-concurrency.test.ts). The client is only a fetch wrapper, cheap to make.
 */
function portalFor(env: WorkerEnv): Portal {
  const config = loadConfig(env, { runtime: 'workers' });
  const client = createClient({
    url: env.LIBSQL_URL,
    authToken: env.LIBSQL_AUTH_TOKEN,
    fetch: boundedDatabaseFetch(),
  });
  const ports: Ports = {
    db: drizzle(client, { schema }),
    store: r2Store(env.ATTACHMENTS),
    mailer: mailerFromConfig(config),
    clock: systemClock,
    config,
    // Set by Cloudflare's edge, which replaces any value the client sent.
    clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    edgeRateLimits:
      env.RATE_LIMIT_ADDRESS && env.RATE_LIMIT_EMAIL
        ? {
            address: env.RATE_LIMIT_ADDRESS,
            email: env.RATE_LIMIT_EMAIL,
            periodSeconds: RATE_LIMIT_PERIOD_SECONDS,
          }
        : undefined,
  };
  return { ports, app: createApp(ports) };
}

export default {
  /**
   * The app sets the headers on its API answers; this sets them on everything else the Worker
   * answers (`/`, unknown paths, a refused start), so no response leaves without them.
   */
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    const portal = await checkedPortal(() => portalFor(env));
    const response =
      portal instanceof Response ? portal : await portal.app.fetch(request, env, ctx);
    return withSecurityHeaders(response, request.url);
  },
  /**
   * The Cron Trigger of wrangler.toml: auto-accept aged solutions, deliver due webhooks. The
   * job's promise is returned rather than handed to `waitUntil`, so that whoever dispatched the
   * event (the platform, or `wrangler dev --test-scheduled`) knows when it is done.
   */
  scheduled: async (_controller: unknown, env: WorkerEnv) => {
    const portal = await checkedPortal(() => portalFor(env));
    if (!(portal instanceof Response)) await runLoggedJob(portal.ports);
  },
};
