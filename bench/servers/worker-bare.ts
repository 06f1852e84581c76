/**
 * @module
 * The Workers baselines, served by workerd under `wrangler dev` as the portal's Worker is:
 * - `GET /bare`: a bare Hono JSON route;
 * - `GET /floor`: the least a list route can do on Workers, the list page's own query
 *   (`FLOOR_SQL` with `FLOOR_ARGS`, as the portal sends it) in one libSQL HTTP request to
 *   `LIBSQL_URL` and its values sent as JSON: no token, session, mapping or headers. Like the
 *   portal's client it resumes a stream an earlier request left open, so that sqld need not open
 *   a connection for each request.
 */
import { Hono } from 'hono';

interface FloorEnv {
  LIBSQL_URL: string;
  FLOOR_SQL: string;
  FLOOR_ARGS: string;
}

/** An argument as libSQL's HTTP protocol carries it (numbers as floats, as the clients send them). */
const hranaValue = (value: unknown) =>
  value === null
    ? { type: 'null' }
    : typeof value === 'number'
      ? { type: 'float', value }
      : { type: 'text', value: String(value) };

/**
 * Batons of streams left open by earlier requests, each resumed once; at most 16 kept open, as
 * the portal's client keeps.
 */
const idle: string[] = [];
let open = 0;

async function pageRows(env: FloorEnv) {
  const args = (JSON.parse(env.FLOOR_ARGS) as unknown[]).map(hranaValue);
  const execute = { type: 'execute', stmt: { sql: env.FLOOR_SQL, args } };
  for (;;) {
    const baton = idle.pop() ?? null;
    const keep = baton !== null || open < 16;
    if (keep && !baton) open++;
    const response = await fetch(`${env.LIBSQL_URL}/v2/pipeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ baton, requests: keep ? [execute] : [execute, { type: 'close' }] }),
    });
    // A stream sqld ended (idle 10 s) is refused before anything runs: again on a new one.
    if (response.status === 400 && baton) {
      open--;
      continue;
    }
    const answer = (await response.json()) as {
      baton: string | null;
      results: [{ response: { result: { rows: { value?: unknown }[][] } } }];
    };
    if (keep && answer.baton) idle.push(answer.baton);
    else if (keep) open--;
    return answer.results[0].response.result.rows;
  }
}

export default new Hono<{ Bindings: FloorEnv }>()
  .get('/bare', (c) => c.json({ ok: true, items: [] }))
  .get('/floor', async (c) => {
    const rows = await pageRows(c.env);
    return c.json({ items: rows.map((row) => row.map((cell) => cell.value ?? null)) });
  });
