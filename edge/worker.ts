/**
 * @module
 * The Cloudflare Workers entry point: libSQL over HTTP (a libSQL server or Turso), attachments in
 * the R2 bucket bound as `ATTACHMENTS`, configuration and secrets from the Worker's environment.
 * The app, its routes, prepared queries and ports (the database client among them) are built
 * once per isolate and env.
 */
import { drizzle } from 'drizzle-orm/libsql/web';
import type { ExecutionContext } from 'hono';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { libsqlHttpClient } from './db/libsql-http-client.ts';
import { devOutboxApp } from './demo/dev-outbox.ts';
import { connectorFromConfig } from './connectors/index.ts';
import { runLoggedJob, runLoggedRetention } from './jobs/scheduled.ts';
import { decoyHash } from './lib/password.ts';
import { withSecurityHeaders } from './lib/security-headers.ts';
import { mailerFromConfig } from './mail/mailer.ts';
import {
  systemClock,
  type AttachmentStore,
  type Database,
  type Ports,
  type RateLimitBinding,
} from './ports.ts';
import { RETENTION_CRON } from './workers/crons.ts';
import { dohResolver } from './workers/doh-resolver.ts';
import { r2Store } from './workers/r2-store.ts';
import { startRefusal } from './workers/start-check.ts';

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

/**
 * What every request of one env shares: its parsed config, its bindings, and its database. The
 * database client shares no promise or queue between requests (`db/libsql-http-client.ts`, it
 * keeps only data: the batons of open streams and the statements each stores): each query is a
 * fetch of the request that runs it, so no request awaits I/O another started, which workerd
 * refuses (tests/runtimes/workers-concurrency.test.ts).
 */
function portsFor(env: WorkerEnv): Ports {
  const config = loadConfig(env, { runtime: 'workers' });
  // The first request of this env starts it; requests before it is kept make their own.
  void decoyHash(config.PBKDF2_ITERATIONS);
  const client = libsqlHttpClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN });
  return {
    // Without drizzle's relational schema: no route uses `db.query`, and extracting it costs CPU.
    db: drizzle(client) as unknown as Database,
    store: r2Store(env.ATTACHMENTS),
    mailer: mailerFromConfig(config, console.info),
    clock: systemClock,
    config,
    connector: connectorFromConfig(config),
    // Set by Cloudflare's edge, which replaces any value the client sent.
    clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    // The Worker cannot resolve names: webhook hosts are checked through DNS over HTTPS.
    resolveHost: dohResolver(config.WEBHOOK_DOH_URL),
    edgeRateLimits:
      env.RATE_LIMIT_ADDRESS && env.RATE_LIMIT_EMAIL
        ? {
            address: env.RATE_LIMIT_ADDRESS,
            email: env.RATE_LIMIT_EMAIL,
            periodSeconds: RATE_LIMIT_PERIOD_SECONDS,
          }
        : undefined,
  };
}

/**
 * Per env object (workerd passes the same one to every request of an isolate), and per distinct
 * set of values, should a runtime pass a new object each time: the config is parsed once.
 */
const byEnv = new WeakMap<object, Ports>();
const byValues = new Map<string, Ports>();

function portsOf(env: WorkerEnv): Ports {
  let ports = byEnv.get(env);
  if (ports) return ports;
  const values = JSON.stringify(
    Object.entries(env).filter(([, value]) => typeof value === 'string'),
  );
  ports = byValues.get(values);
  if (!ports) byValues.set(values, (ports = portsFor(env)));
  byEnv.set(env, ports);
  return ports;
}

const app = createApp((env) => portsOf(env as WorkerEnv));

/**
 * The mail outbox of `npm run dev:workers`, served in development only; a production start would
 * refuse it (edge/config-check.ts), so it is never even routed there.
 */
const devTools = devOutboxApp((env) => portsOf(env as WorkerEnv).db);

/** The routes this Worker serves for `env`, checked by the start check. */
function portalOf(env: WorkerEnv) {
  const ports = portsOf(env);
  const development = ports.config.ENVIRONMENT === 'development';
  return { ports, app: { routes: development ? [...app.routes, ...devTools.routes] : app.routes } };
}

export default {
  /**
   * The app sets the headers on its API answers; this sets them on everything else the Worker
   * answers (`/`, unknown paths, a refused start), so no response leaves without them.
   */
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    const refused = await startRefusal(() => portalOf(env));
    if (refused) return withSecurityHeaders(refused, request.url);
    const devRoute =
      portsOf(env).config.ENVIRONMENT === 'development' &&
      new URL(request.url).pathname.startsWith('/dev/');
    const response = await (devRoute ? devTools : app).fetch(request, env, ctx);
    return withSecurityHeaders(response, request.url);
  },
  /**
   * The Cron Triggers of wrangler.toml: every minute the job (sync the ticket tool, auto-accept aged
   * solutions, deliver due webhooks and mail), hourly retention. The promise is returned rather than handed to
   * `waitUntil`, so that whoever dispatched the event (the platform, or `wrangler dev
   * --test-scheduled`) knows when it is done.
   */
  scheduled: async (controller: { cron?: string }, env: WorkerEnv) => {
    const ports = portsOf(env);
    if (await startRefusal(() => portalOf(env))) return;
    if (controller.cron === RETENTION_CRON) await runLoggedRetention(ports);
    else await runLoggedJob(ports);
  },
};
