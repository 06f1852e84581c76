/**
 * @module
 * What one list request costs without the HTTP server, measured in the benchmark's own process:
 * the portal's app answering `app.request` (Hono, the customer check, the route, drizzle, JSON)
 * next to a bare Hono JSON route, and each SQL statement the request sends, timed through the
 * Node port's client and through `@libsql/client`'s `execute` (what the port used before).
 * Variants are interleaved round by round and the median round kept, so noise hits all alike.
 */
import { createClient, type Client, type InStatement } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import Database from 'libsql';
import { Hono } from 'hono';
import { createApp } from '../../edge/app.ts';
import * as schema from '../../edge/db/schema.ts';
import { nodePorts } from '../../edge/node/ports.ts';
import { median } from './load.ts';
import { BENCH_TOKEN_SECRET, temporaryFolder } from './servers.ts';

export interface ListCosts {
  /** Microseconds per call of each variant, by name. */
  micros: Record<string, number>;
  /** The statements one list request sends, in order. */
  statements: string[];
}

/**
 * A client that notes the statements it is asked to run, alone or in a batch (reads go as one
 * batch since the session check is sent with them). Its other methods run on the client itself,
 * whose private fields a proxy receiver would not have.
 */
function recording(client: Client, noted: InStatement[]): Client {
  return new Proxy(client, {
    get(target, key) {
      if (key === 'execute')
        return (stmt: InStatement) => {
          noted.push(stmt);
          return target.execute(stmt);
        };
      if (key === 'batch')
        return (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) => {
          noted.push(...stmts);
          return target.batch(stmts, mode);
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Times each variant in rounds of `calls` calls, alternating variants, after one warm-up round.
 */
async function perCall(
  variants: Record<string, () => Promise<unknown>>,
  rounds = 9,
  calls = 300,
): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(variants).map((name) => [name, []]),
  );
  for (let round = 0; round <= rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await run();
      if (round > 0) times[name]!.push(((performance.now() - started) * 1000) / calls);
    }
  }
  const result: Record<string, number> = {};
  for (const [name, list] of Object.entries(times)) result[name] = median(list);
  return result;
}

function listRequest(app: ReturnType<typeof createApp>, listPath: string, token: string) {
  return async () => {
    const response = await app.request(listPath, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`list in-process: ${response.status}`);
    return response.text();
  };
}

function portsOn(file: string) {
  return nodePorts({
    LIBSQL_URL: `file:${file}`,
    TOKEN_SECRET: BENCH_TOKEN_SECRET,
    ATTACHMENTS_DIR: temporaryFolder('bench-attachments-'),
    ALLOWED_ORIGINS: 'http://localhost:8787',
  });
}

/** The statements one list request sends, in order (after a first request filled the caches). */
export async function listStatements(
  file: string,
  listPath: string,
  token: string,
): Promise<{ sql: string; args: unknown[] }[]> {
  const { ports, client } = portsOn(file);
  const noted: InStatement[] = [];
  ports.db = drizzle(recording(client, noted), { schema });
  const ask = listRequest(createApp(ports), listPath, token);
  await ask();
  noted.length = 0;
  await ask();
  client.close();
  return noted.map((stmt) =>
    typeof stmt === 'string'
      ? { sql: stmt, args: [] }
      : { sql: stmt.sql, args: Array.isArray(stmt.args) ? stmt.args : [] },
  );
}

/**
 * The statement that reads the list's page (the others check the session, read copies); its
 * new-reply column spans lines.
 */
export function pageQuery(statements: { sql: string; args: unknown[] }[]) {
  const page = statements.find((stmt) => /^select .* from "tickets" inner join/s.test(stmt.sql));
  if (!page) throw new Error('list in-process: no page query among the statements');
  return page;
}

/** The list request's costs on the database `file`, as the customer with `token` asks it. */
export async function listCosts(file: string, listPath: string, token: string): Promise<ListCosts> {
  const statements = await listStatements(file, listPath, token);
  const { ports, client } = portsOn(file);
  const ask = listRequest(createApp(ports), listPath, token);
  const bare = new Hono().get('/bare', (c) => c.json({ ok: true, items: [] }));
  const before = createClient({ url: `file:${file}` });
  const driver = new Database(file);
  const page = pageQuery(statements);
  const pageAlone = driver.prepare(page.sql).raw(true);
  const variants: Record<string, () => Promise<unknown>> = {
    'bare Hono JSON route (app.request)': async () => (await bare.request('/bare')).text(),
    'list request (app.request)': ask,
    "all its statements, the Node port's client": async () => {
      for (const stmt of statements) await client.execute(stmt as InStatement);
    },
    "all its statements, @libsql/client's execute": async () => {
      for (const stmt of statements) await before.execute(stmt as InStatement);
    },
    'the page query alone, libsql driver (prepared, raw rows)': async () =>
      pageAlone.all(page.args),
  };
  const micros = await perCall(variants);
  before.close();
  driver.close();
  client.close();
  return { micros, statements: statements.map((stmt) => stmt.sql) };
}
