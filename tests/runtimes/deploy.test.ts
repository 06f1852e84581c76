/**
 * `npm run deploy` against a fresh local sqld, as far as it goes without a Cloudflare account
 * (`--dry-run`, so CI runs `wrangler deploy --dry-run` on every build): settings checked with the
 * production rules, widget built with its asset headers, migrations applied, wrangler's dry run
 * reached with no secret on the output. A `file:` database and unsafe settings stop it first.
 * Its own npm script (test:deploy), not among test:workers: the build replaces dist/, which the
 * wrangler dev of those tests serves.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { createClient } from '@libsql/client';
import {
  childEnv,
  REPO_ROOT,
  temporaryFolder,
  type Server,
} from '../../edge/node/child-servers.ts';
import { startSqldServer } from '../../edge/node/sqld.ts';

const TOKEN_SECRET = `deploy-test-${crypto.randomUUID()}`;
const SETTINGS = {
  TOKEN_SECRET,
  ALLOWED_ORIGINS: 'https://www.example.com',
  PORTAL_URL: 'https://www.example.com/support',
  MAIL_PROVIDER: 'postmark',
  MAIL_API_TOKEN: `postmark-${crypto.randomUUID()}`,
  MAIL_FROM: 'support@example.com',
};

let sqld: Server | undefined;
before(async () => {
  sqld = await startSqldServer({ dbPath: join(temporaryFolder('portal-deploy-db-'), 'db') });
});
after(() => sqld?.stop());

/** Runs `npm run deploy -- --dry-run` with these settings only; its exit code and output. */
async function deploy(settings: Record<string, string>) {
  const env = childEnv(settings);
  for (const name of ['LIBSQL_URL', 'LIBSQL_AUTH_TOKEN', 'ENVIRONMENT'])
    if (!(name in settings)) delete env[name];
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'edge/scripts/deploy.ts', '--dry-run'],
      { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

test('every step runs against sqld, and stops at wrangler deploy --dry-run', async () => {
  const { code, output } = await deploy({ ...SETTINGS, LIBSQL_URL: sqld!.url });
  assert.equal(code, 0, output);
  const steps = [...output.matchAll(/^▸ (.*)$/gm)].map((match) => match[1]);
  assert.deepEqual(steps, [
    'Checking the settings',
    'Building the widget into dist/',
    `Applying migrations to ${sqld!.url}`,
    'wrangler deploy --dry-run',
  ]);
  assert.match(output, /--dry-run: exiting now/);
  assert.match(output, /Dry run complete: nothing was uploaded/);
  assert.ok(
    !output.includes(TOKEN_SECRET) && !output.includes(SETTINGS.MAIL_API_TOKEN),
    'no secret printed',
  );

  const client = createClient({ url: sqld!.url });
  const tables = await client.execute("select name from sqlite_master where type = 'table'");
  client.close();
  const names = tables.rows.map((row) => row.name);
  assert.ok(names.includes('customers') && names.includes('mail_outbox'), String(names));

  const headers = readFileSync(join(REPO_ROOT, 'dist/_headers'), 'utf8');
  assert.match(
    headers,
    /^\/support-portal\.js\n {2}Cache-Control: public, max-age=300, must-revalidate$/m,
  );
  assert.match(headers, /^\/chunks\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  assert.match(headers, /^ {2}x-content-type-options: nosniff$/m);
  assert.match(
    headers,
    /^ {2}content-security-policy: default-src 'none'; frame-ancestors 'none'$/m,
  );
});

test('a file: database is refused before anything is built', async () => {
  const { code, output } = await deploy({ ...SETTINGS, LIBSQL_URL: 'file:.data/portal.db' });
  assert.equal(code, 1);
  assert.match(output, /LIBSQL_URL is file:\.data\/portal\.db: a Worker cannot open a file/);
  assert.doesNotMatch(output, /Building the widget/);
});

test('no LIBSQL_URL is refused, saying what to set', async () => {
  const { code, output } = await deploy(SETTINGS);
  assert.equal(code, 1);
  assert.match(output, /set LIBSQL_URL to the production database/);
});

test('a missing secret or an unsafe setting is refused with what to set', async () => {
  const { TOKEN_SECRET: _secret, ...withoutSecret } = SETTINGS;
  const missing = await deploy({ ...withoutSecret, LIBSQL_URL: sqld!.url });
  assert.equal(missing.code, 1);
  assert.match(missing.output, /TOKEN_SECRET: not set: set it to at least 32 random characters/);

  const unsafe = await deploy({
    ...SETTINGS,
    LIBSQL_URL: sqld!.url,
    MAIL_PROVIDER: 'console',
  });
  assert.equal(unsafe.code, 1);
  assert.match(unsafe.output, /unsafe for production:\n {2}- MAIL_PROVIDER is console/);
  assert.doesNotMatch(unsafe.output, /wrangler deploy/);
});
