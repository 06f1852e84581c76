/**
 * `npm run deploy [-- --dry-run]`: the portal to Cloudflare Workers in one command, from the
 * settings in the environment (docs/operations.md, "Deploy"). In order, stopping at the first
 * failure: checks the settings with the production start's own rules (edge/config-check.ts),
 * refusing a `file:` database; builds the widget into dist/ with its caching and security
 * headers (dist/_headers); applies pending migrations to LIBSQL_URL; runs `wrangler deploy`
 * with the secrets uploaded alongside (`--secrets-file`, a private temporary file) and the other
 * settings as vars. `--dry-run` stops before anything is uploaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { unsafeProductionSettings } from '../config-check.ts';
import { loadConfig } from '../config.ts';
import * as schema from '../db/schema.ts';
import { hasDemoData } from '../demo/demo-data.ts';
import { setSecurityHeaders } from '../lib/security-headers.ts';
import { applyMigrations } from '../node/migrate.ts';

/** Uploaded as Worker secrets: never in wrangler.toml, never on a command line. */
const SECRETS = [
  'TOKEN_SECRET',
  'LIBSQL_AUTH_TOKEN',
  'ALTCHA_HMAC_KEY',
  'MAIL_API_TOKEN',
  'SES_ACCESS_KEY_ID',
  'SES_SECRET_ACCESS_KEY',
  'PARTNERS',
];

/** Passed as vars (`--var`), over wrangler.toml's `[vars]`, when set. */
const VARS = [
  'LIBSQL_URL',
  'ALLOWED_ORIGINS',
  'PORTAL_URL',
  'MAIL_PROVIDER',
  'MAIL_FROM',
  'MAIL_API_URL',
  'SES_REGION',
  'DEFAULT_LANGUAGE',
  'CONTACT_NAME',
  'CONTACT_EMAIL',
  'CONTACT_PHONE',
  'CONTACT_HOURS',
  'CONTACT_URL',
];

const dryRun = process.argv.includes('--dry-run');
const env = process.env;
const step = (text: string) => console.log(`\n▸ ${text}`);

function fail(message: string): never {
  console.error(`\nnpm run deploy: ${message}`);
  process.exit(1);
}

/** The headers of the widget's files: one year for hashed chunks, five minutes for the entry. */
function assetHeaders(): string {
  const security = new Headers();
  setSecurityHeaders(security, 'https://portal.example', {});
  const lines = ['/*', ...[...security].map(([name, value]) => `  ${name}: ${value}`)];
  // Pages of any origin load the widget as a module script, which is fetched with CORS.
  lines.push('  Access-Control-Allow-Origin: *');
  lines.push('/support-portal.js', '  Cache-Control: public, max-age=300, must-revalidate');
  lines.push('/chunks/*', '  Cache-Control: public, max-age=31536000, immutable');
  return `${lines.join('\n')}\n`;
}

step('Checking the settings');
const url = env.LIBSQL_URL;
if (!url)
  fail('set LIBSQL_URL to the production database (libsql://… for Turso, https://… for sqld)');
if (url.startsWith('file:')) {
  fail(
    `LIBSQL_URL is ${url}: a Worker cannot open a file; use Turso (libsql://) or sqld (https://)`,
  );
}
let config;
try {
  config = loadConfig({ ...env, ENVIRONMENT: 'production' }, { runtime: 'workers' });
} catch (error) {
  fail((error as Error).message);
}
const client = createClient({ url, authToken: env.LIBSQL_AUTH_TOKEN });
const db = drizzle(client, { schema });
try {
  const problems = unsafeProductionSettings(config, {
    routes: [],
    // Before migrations, a fresh database has no customers table yet: no demo data either.
    demoData: await hasDemoData(db).catch(() => false),
  });
  if (problems.length > 0)
    fail(`unsafe for production:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  step('Building the widget into dist/');
  execFileSync(process.execPath, ['scripts/build-widget.mjs'], { stdio: 'inherit' });
  writeFileSync('dist/_headers', assetHeaders());

  step(`Applying migrations to ${url.replace(/\/\/[^@/]*@/, '//')}`);
  await applyMigrations(db);
} finally {
  client.close();
}

step(dryRun ? 'wrangler deploy --dry-run' : 'wrangler deploy');
const dir = mkdtempSync(join(tmpdir(), 'portal-deploy-'));
try {
  const secretsFile = join(dir, 'secrets.json');
  const secrets = Object.fromEntries(SECRETS.filter((name) => env[name]).map((n) => [n, env[n]]));
  writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  const vars = VARS.filter((name) => env[name]).flatMap((name) => [
    '--var',
    `${name}:${env[name]}`,
  ]);
  execFileSync(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'deploy',
      '--secrets-file',
      secretsFile,
      '--var',
      'ENVIRONMENT:production',
      ...vars,
      ...(dryRun ? ['--dry-run', `--outdir=${join(dir, 'bundle')}`] : []),
    ],
    { stdio: 'inherit', env: { ...env, WRANGLER_SEND_METRICS: 'false' } },
  );
} catch {
  fail('wrangler deploy failed (see above); `npx wrangler login` first if it asked for an account');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(dryRun ? '\nDry run complete: nothing was uploaded.' : '\nDeployed.');
