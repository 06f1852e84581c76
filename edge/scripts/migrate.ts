/**
 * `npm run migrate`: applies the migrations to LIBSQL_URL (a `file:`, `http(s):`, `libsql:` or
 * `ws(s):` URL; LIBSQL_AUTH_TOKEN for Turso). Safe to run again: applied migrations are skipped.
 */
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { applyMigrations } from '../node/migrate.ts';
import { databaseUrl } from '../node/ports.ts';

const url = databaseUrl(process.env);
const client = createClient({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
await applyMigrations(drizzle(client));
client.close();
console.log(`Migrations applied to ${url.replace(/\/\/[^@/]*@/, '//')}`);
