/**
 * @module
 * Which in-memory caches of database contents (the category tree) a `Database` shares. On Node
 * and Deno one `Database` lives as long as the process; on Workers one is made per request (a
 * client per request, as workerd requires), each tied to the isolate's scope for its database.
 */
import type { Database } from '../ports.ts';

const scopes = new WeakMap<Database, object>();

/** Ties `db` to the caches of `scope`, kept by the caller for as long as the database. */
export function shareCaches(db: Database, scope: object): Database {
  scopes.set(db, scope);
  return db;
}

/** The key under which caches of `db`'s contents are kept. */
export function cacheScope(db: Database): object {
  return scopes.get(db) ?? db;
}
