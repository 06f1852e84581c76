/**
 * The list request's in-process costs alone (`bench/lib/list-costs.ts`), without the HTTP load
 * of `npm run bench:api`: quick to repeat while changing the request's hot path. Prints figures.
 *
 * Run alone: npx tsx bench/list-in-process.ts
 */
import { createApp } from '../edge/app.ts';
import { ROUTES } from '../contract/routes.ts';
import type { SessionCreated } from '../contract/types.ts';
import { nodePorts } from '../edge/node/ports.ts';
import { BENCH_PASSWORD, copyOf, customerEmail, dataset } from './lib/dataset.ts';
import { listCosts } from './lib/list-costs.ts';
import { say } from './lib/report.ts';
import { BENCH_TOKEN_SECRET, temporaryFolder } from './lib/servers.ts';

const db = copyOf(await dataset(10), temporaryFolder('bench-list-'));
const { ports, client } = nodePorts({
  LIBSQL_URL: `file:${db.file}`,
  TOKEN_SECRET: BENCH_TOKEN_SECRET,
  ATTACHMENTS_DIR: temporaryFolder('bench-attachments-'),
});
const loggedIn = await createApp(ports).request(ROUTES.session, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: customerEmail(0), password: BENCH_PASSWORD }),
});
if (loggedIn.status !== 201) throw new Error(`log in: ${loggedIn.status}`);
const { token } = (await loggedIn.json()) as SessionCreated;
client.close();

const costs = await listCosts(db.file, `${ROUTES.tickets}?state=open`, token);
const bare = costs.micros['bare Hono JSON route (app.request)']!;
for (const [what, micros] of Object.entries(costs.micros)) {
  say(
    `list in-process: ${what} ${Math.round(micros)} µs per call (${(micros / bare).toFixed(1)}x)`,
  );
}
