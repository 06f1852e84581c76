/**
 * `npm run dev:workers`: the Workers twin of `npm start`. Starts a libSQL server (sqld) on
 * loopback, applies the migrations and loads the demo data into it, then runs the Worker under
 * `wrangler dev` in development mode, serving the demo page at `/` (with its theming and
 * strict-CSP examples) and the widget at `/dist/` as static assets, the mail outbox at
 * `/dev/outbox`, and fires the scheduled job (and hourly retention) through wrangler's
 * `/__scheduled`, as the Cron Triggers would once deployed. Its data lives in DATA_DIR/workers
 * (.data/workers), kept between runs as `npm start` keeps its own. Ctrl-C stops wrangler, then
 * sqld (edge/node/child-servers.ts).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { CategoryInput } from '../../contract/category-tree.ts';
import { loadConfig } from '../config.ts';
import * as schema from '../db/schema.ts';
import { DEMO_CONTACT, DEMO_LOGIN, loadDemoData } from '../demo/demo-data.ts';
import { jobIntervalSeconds } from '../jobs/scheduled.ts';
import { REPO_ROOT } from '../node/child-servers.ts';
import { applyMigrations } from '../node/migrate.ts';
import { DATA_DIR, localTokenSecret } from '../node/ports.ts';
import { startSqldServer } from '../node/sqld.ts';
import { STRICT_CSP } from '../node/strict-csp-demo.ts';
import { startWranglerDevServer } from '../node/wrangler-dev.ts';
import { JOB_CRON, RETENTION_CRON } from '../workers/crons.ts';

const port = Number(process.env.PORT ?? 8787);
const base = join(DATA_DIR, 'workers');
const widget = join(REPO_ROOT, 'dist/support-portal.js');

if (!existsSync(widget)) {
  console.error('dist/support-portal.js is missing: `npm run dev:workers` builds it first.');
  process.exit(1);
}

// The assets: the demo page at / and the widget under /dist/, where the page loads it from.
const site = join(base, 'site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
// Without what only `npm start` serves (the partner intranet demo on the next port).
const page = readFileSync(join(REPO_ROOT, 'demo/index.html'), 'utf8');
writeFileSync(join(site, 'index.html'), page.replace(/<p data-node-only>[\s\S]*?<\/p>\s*/g, ''));
cpSync(join(REPO_ROOT, 'dist'), join(site, 'dist'), { recursive: true });
// The theming and strict-CSP examples the page links to; the latter with its policy, as npm
// start serves it (wrangler's asset server reads _headers).
for (const example of ['theming', 'strict']) {
  cpSync(join(REPO_ROOT, 'demo', example), join(site, example), { recursive: true });
}
writeFileSync(join(site, '_headers'), `/strict/*\n  Content-Security-Policy: ${STRICT_CSP}\n`);

const sqld = await startSqldServer({ dbPath: join(base, 'sqld') });

const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
const vars: Record<string, string> = {
  ENVIRONMENT: 'development',
  LIBSQL_URL: sqld.url,
  ALLOWED_ORIGINS: origins.join(','),
  PORTAL_URL: `http://localhost:${port}/`,
  MAIL_PROVIDER: 'console',
  ...DEMO_CONTACT,
  ...(process.env.JOB_INTERVAL_SECONDS && {
    JOB_INTERVAL_SECONDS: process.env.JOB_INTERVAL_SECONDS,
  }),
};
const tokenSecret = process.env.TOKEN_SECRET ?? localTokenSecret();
const secrets = join(base, 'secrets.env');
writeFileSync(secrets, `TOKEN_SECRET=${tokenSecret}\n`, { mode: 0o600 });
// The Worker's own view of them: the same iteration count for the demo's passwords, and a
// setting it would refuse stops here, before wrangler starts.
const config = loadConfig({ ...vars, TOKEN_SECRET: tokenSecret }, { runtime: 'workers' });

const client = createClient({ url: sqld.url });
const db = drizzle(client, { schema });
await applyMigrations(db);
const tree = JSON.parse(
  readFileSync(join(REPO_ROOT, 'demo/categories.json'), 'utf8'),
) as CategoryInput[];
await loadDemoData(db, tree, config.PBKDF2_ITERATIONS, new Date());
client.close();

const worker = await startWranglerDevServer({
  vars,
  persistTo: join(base, 'wrangler'),
  port,
  envFile: secrets,
  assets: site,
  echo: true,
});

/** Runs the Worker's scheduled handler for `cron`; a failure is in wrangler's log already. */
async function fire(cron: string) {
  const url = `${worker.url}/__scheduled?cron=${encodeURIComponent(cron)}`;
  await fetch(url).catch(() => undefined);
}
const jobSeconds = jobIntervalSeconds(config);
let running = false;
let retentionDue = 0;
setInterval(() => {
  if (running) return;
  running = true;
  void (async () => {
    await fire(JOB_CRON);
    if (Date.now() >= retentionDue) {
      retentionDue = Date.now() + config.RETENTION_INTERVAL_MINUTES * 60_000;
      await fire(RETENTION_CRON);
    }
  })().finally(() => (running = false));
}, jobSeconds * 1000);

const url = `http://localhost:${port}/`;
console.log(`
Support portal on the Worker (wrangler dev, development) at ${url}
Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}
Mail outbox: ${url}dev/outbox (the demo page lists it too)
libSQL server (sqld): ${sqld.url} (LIBSQL_URL=${sqld.url} npm run admin -- …)
Scheduled job every ${jobSeconds} s; run it now: ${url}__scheduled?cron=${encodeURIComponent(JOB_CRON)}
Data in ${base}; Ctrl-C stops wrangler and sqld.`);
