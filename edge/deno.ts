/**
 * @module
 * The Deno entry point, for `deno serve edge/deno.ts`: libSQL over HTTP (a libSQL server or
 * Turso) at LIBSQL_URL, attachments as files under ATTACHMENTS_DIR, the rest from `Deno.env`.
 * Migrations are applied beforehand with `npm run migrate`, as for Workers.
 */
import { drizzle } from 'drizzle-orm/libsql/web';
import { createApp } from './app.ts';
import { exitIfUnsafe } from './config-check.ts';
import { loadConfig } from './config.ts';
import { libsqlHttpClient } from './db/libsql-http-client.ts';
import * as schema from './db/schema.ts';
import { deno } from './deno/deno-api.ts';
import { denoFileStore } from './deno/file-store.ts';
import { denoResolver } from './deno/resolver.ts';
import { connectorFromConfig } from './connectors/index.ts';
import { enqueueEvents } from './connectors/outbox.ts';
import { hasDemoData } from './demo/demo-data.ts';
import { jobIntervalSeconds, startJobTimer } from './jobs/scheduled.ts';
import { passwordTurns } from './lib/turns.ts';
import { mailerFromConfig } from './mail/mailer.ts';
import { systemClock, type Ports } from './ports.ts';

const env = deno.env.toObject();
if (!env.LIBSQL_URL) {
  throw new Error('Set LIBSQL_URL to a libSQL server or Turso (http://, https:// or libsql://)');
}

const config = loadConfig(env);
const ports: Ports = {
  db: drizzle(libsqlHttpClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN }), {
    schema,
  }),
  store: denoFileStore(env.ATTACHMENTS_DIR ?? '.data/attachments'),
  mailer: mailerFromConfig(config),
  clock: systemClock,
  config,
  // `deno serve` passes the connection's info, handed on below as the app's env.
  clientAddress: (_request, info) =>
    (info as { remoteAddr?: { hostname?: string } } | undefined)?.remoteAddr?.hostname,
  passwordTurns: passwordTurns(navigator.hardwareConcurrency),
  resolveHost: denoResolver,
  connector: connectorFromConfig(config),
};
const app = createApp(ports);
exitIfUnsafe(config, { routes: app.routes, demoData: await hasDemoData(ports.db) }, deno.exit);
// The ticket tool hears of what happens from now on (see docs/connectors.md).
if (ports.connector) await enqueueEvents(ports.db, ports.clock.now());
// Syncs the ticket tool, auto-accepts aged solutions, delivers webhooks and mail; state lives
// in the database only.
startJobTimer(ports, jobIntervalSeconds(ports.config));

export default {
  fetch: (request: Request, info: unknown) => app.fetch(request, info),
};
