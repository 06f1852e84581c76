/**
 * @module
 * The embedded default on Node: migrations applied and demo data loaded on first run, then the
 * API and the demo pages served on one port, and the partner intranet demo on the next port, so
 * that it reaches the API across origins. In development, also the mail outbox at `/dev/outbox`
 * and the demo partner's single sign-on (its key kept in DATA_DIR, its tokens from the partner
 * port's `/dev/partner-token`), which is why development listens on loopback only unless
 * SHARE_DEMO=1 (edge/node/startup-check.ts).
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { createApp } from './app.ts';
import { exitIfUnsafe } from './config-check.ts';
import {
  DEMO_CONTACT,
  DEMO_LOGIN,
  DEMO_PARTNER_USER,
  hasDemoData,
  loadDemoData,
} from './demo/demo-data.ts';
import { DEMO_ORGANIZATION_LOGINS } from './demo/demo-organization.ts';
import { enqueueEvents } from './connectors/outbox.ts';
import { jobIntervalSeconds, startJobTimer } from './jobs/scheduled.ts';
import { devOutboxApp } from './demo/dev-outbox.ts';
import { applyMigrations } from './node/migrate.ts';
import { demoPartnerConfig, demoPartnerKey, partnerTokenApp } from './node/partner-demo.ts';
import { strictCspHeaders } from './node/strict-csp-demo.ts';
import { DATA_DIR, nodePorts } from './node/ports.ts';
import { DEFAULT_HOST, startupCheck } from './node/startup-check.ts';
import { nodeWebhookPorts } from './node/webhook-fetch.ts';

/** A configuration that does not parse stops the start with its message, not a stack trace. */
function startOrExit<T>(start: () => T): T {
  try {
    return start();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const startup = startupCheck(process.env);
if (startup.refusal) {
  console.error(startup.refusal);
  process.exit(1);
}
startup.notices.forEach((notice) => console.warn(notice));

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? DEFAULT_HOST;
const development = (process.env.ENVIRONMENT ?? 'development') === 'development';
const partnerKey = development ? await demoPartnerKey(DATA_DIR) : null;
const { ports } = startOrExit(() =>
  nodePorts(
    process.env,
    // The demo's own pages and contact; production sets its own (config-check.ts insists).
    development
      ? {
          ALLOWED_ORIGINS: [port, port + 1]
            .flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`])
            .join(','),
          PORTAL_URL: `http://localhost:${port}/`,
          ...DEMO_CONTACT,
          ...(partnerKey && {
            PARTNERS: JSON.stringify([demoPartnerConfig(partnerKey.publicJwk)]),
          }),
        }
      : {},
  ),
);
Object.assign(ports, nodeWebhookPorts(ports.config.ENVIRONMENT));

await applyMigrations(ports.db);
if (development) {
  const tree = JSON.parse(
    readFileSync(new URL('../demo/categories.json', import.meta.url), 'utf8'),
  );
  await loadDemoData(ports.db, tree, ports.config.PBKDF2_ITERATIONS, ports.clock.now());
}
// The ticket tool hears of what happens from now on (see docs/connectors.md).
if (ports.connector) await enqueueEvents(ports.db, ports.clock.now());
// Syncs the ticket tool, auto-accepts aged solutions, delivers webhooks and mail; state lives
// in the database only.
startJobTimer(ports, jobIntervalSeconds(ports.config));

/**
 * Headers of the demo pages. Their inline scripts and styles are the demo's own (the widget needs
 * neither); the API's origins are the only places they may call; no one may frame them.
 */
const demoHeaders = secureHeaders({
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: false,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: [
      "'self'",
      ...ports.config.ALLOWED_ORIGINS.map(String),
      `http://localhost:${port}`,
      `http://127.0.0.1:${port}`,
    ],
    // The captcha's worker is a file of the widget's (never a blob: URL).
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

const site = new Hono();
site.use('*', async (c, next) => {
  // The API sets its own headers; the demo's pages and scripts get these.
  if (c.req.path.startsWith('/api/')) return next();
  if (c.req.path.startsWith('/strict/')) return strictCspHeaders(c, next);
  await demoHeaders(c, next);
  if (c.req.path.startsWith('/dist/')) {
    // As deployed (edge/scripts/deploy.ts): pages of any origin load the widget, its module
    // script with CORS and its captcha's worker file with importScripts (altcha-loader.ts).
    c.header('access-control-allow-origin', '*');
    c.header('cross-origin-resource-policy', 'cross-origin');
  }
});
const devOutbox = devOutboxApp(() => ports.db);
if (development) site.route('/', devOutbox);
site
  .route('/', createApp(ports))
  .use('/dist/*', serveStatic({ root: './' }))
  .use('/*', serveStatic({ root: './demo' }));

exitIfUnsafe(
  ports.config,
  { routes: site.routes, demoData: await hasDemoData(ports.db) },
  process.exit,
);

const partner = new Hono();
partner.use('*', demoHeaders);
if (partnerKey) partner.route('/', partnerTokenApp(partnerKey.privateJwk));
partner
  .use('/dist/*', serveStatic({ root: './' }))
  .use('/*', serveStatic({ root: './demo/partner' }));

serve({ fetch: site.fetch, port, hostname: host }, () => {
  console.log(`Support portal running at http://localhost:${port}/`);
  if (!development) return;
  console.log(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
  const { manager, colleagues } = DEMO_ORGANIZATION_LOGINS;
  console.log(
    `Same organization, same password: ${manager.email} (manager: sees every ticket of it), ${colleagues.map((c) => c.email).join(', ')} (colleagues)`,
  );
});
serve({ fetch: partner.fetch, port: port + 1, hostname: host }, () => {
  console.log(
    `Partner intranet demo (API on another origin) at http://localhost:${port + 1}/${partnerKey ? `, logged in by single sign-on as ${DEMO_PARTNER_USER.email}` : ''}`,
  );
});
