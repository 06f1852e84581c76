/**
 * @module
 * The ports of the embedded default on Node: a libSQL file, attachments on local disk, the
 * console mailer (or the configured provider). Secrets come from the environment; in development,
 * when none is set, a random token secret is made once and kept in the data folder, never in the
 * repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { loadConfig } from '../config.ts';
import { connectorFromConfig } from '../connectors/index.ts';
import * as schema from '../db/schema.ts';
import { randomId } from '../lib/encoding.ts';
import { passwordTurns } from '../lib/turns.ts';
import { mailerFromConfig } from '../mail/mailer.ts';
import { systemClock, type Ports } from '../ports.ts';
import { diskStore } from './disk-store.ts';
import { openSqliteFile } from './sqlite-file-client.ts';

/** How long a write waits for another connection's write to finish. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export const DATA_DIR = resolve(process.env.DATA_DIR ?? '.data');

/** The development token secret: made once at random, kept in DATA_DIR (never in the repository). */
export function localTokenSecret(): string {
  const file = resolve(DATA_DIR, 'token-secret');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomId(48), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function databaseUrl(env: NodeJS.ProcessEnv): string {
  const url = env.LIBSQL_URL ?? `file:${resolve(DATA_DIR, 'portal.db')}`;
  if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
  return url;
}

/** The path of a `file:` URL (`file:/abs`, `file:rel`, `file:///abs`), or null for a server. */
export function localDatabasePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
}

/**
 * The database client for a URL: a local file through the synchronous driver with prepared
 * statements (see sqlite-file-client.ts), a server (sqld, Turso) through `@libsql/client`.
 */
export function openDatabase(url: string, authToken?: string): Client {
  const path = localDatabasePath(url);
  if (path !== null) return openSqliteFile(path, { busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS });
  return createClient({ url, authToken, timeout: SQLITE_BUSY_TIMEOUT_MS });
}

export function nodePorts(env: NodeJS.ProcessEnv, defaults: Record<string, string> = {}) {
  const client = openDatabase(databaseUrl(env), env.LIBSQL_AUTH_TOKEN);
  const development = (env.ENVIRONMENT ?? 'development') === 'development';
  const config = loadConfig({
    ENVIRONMENT: 'development',
    ...defaults,
    ...env,
    // Production takes its secret from the environment only (config-check.ts says so).
    TOKEN_SECRET: env.TOKEN_SECRET ?? (development ? localTokenSecret() : undefined),
  });
  const ports: Ports = {
    db: drizzle(client, { schema }),
    store: diskStore(env.ATTACHMENTS_DIR ?? resolve(DATA_DIR, 'attachments')),
    mailer: mailerFromConfig(config),
    clock: systemClock,
    config,
    // @hono/node-server passes `{ incoming, outgoing }` as the env: the socket's peer address.
    clientAddress: (_request, env) =>
      (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
        ?.remoteAddress,
    passwordTurns: passwordTurns(availableParallelism()),
    connector: connectorFromConfig(config),
  };
  return { ports, client };
}
