/**
 * The admin command line, run in-process on a fresh database (`runAdmin`), and once as its own
 * process the way `npm run admin` starts it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { drizzle } from 'drizzle-orm/libsql';
import { loadConfig } from '../../edge/config.ts';
import * as schema from '../../edge/db/schema.ts';
import { consoleMailer } from '../../edge/mail/console-mailer.ts';
import { diskStore } from '../../edge/node/disk-store.ts';
import { applyMigrations } from '../../edge/node/migrate.ts';
import { openDatabase } from '../../edge/node/ports.ts';
import { systemClock, type Ports } from '../../edge/ports.ts';
import { admin as runAdmin } from '../support/admin.ts';

const dir = mkdtempSync(join(tmpdir(), 'portal-admin-'));
const url = `file:${join(dir, 'admin.db')}`;
const client = openDatabase(url);
const ports: Ports = {
  db: drizzle(client, { schema }),
  store: diskStore(join(dir, 'attachments')),
  mailer: consoleMailer(() => {}),
  clock: systemClock,
  config: loadConfig({
    ENVIRONMENT: 'development',
    TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    PBKDF2_ITERATIONS: '10000',
  }),
};
before(() => applyMigrations(ports.db));
after(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = (...args: string[]) => runAdmin(ports, ...args);

async function query(sql: string) {
  return (await client.execute(sql)).rows;
}

describe('npm run admin', () => {
  test('creates a customer, and refuses the same e-mail in another case', async () => {
    const created = await admin(
      'customer:create',
      '--email',
      'Nora@Example.com',
      '--name',
      'Nora',
      '--language',
      'ca',
    );
    assert.equal(created.code, 0, created.stderr);
    const again = await admin('customer:create', '--email', 'nora@example.com', '--name', 'Nora 2');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    const rows = await query('select email, language, password_hash from customers');
    assert.deepEqual(
      rows.map((row) => [row.email, row.language, row.password_hash]),
      [['nora@example.com', 'ca', null]],
    );
  });

  test('imports customers from CSV, reporting the bad lines', async () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(
      file,
      'email,name,organization,language,password\nom@example.com,Om,Acme,en,a-long-password\nnot-an-email,Bad,,,\n',
    );
    const result = await admin('customer:import', file);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Imported 1 of 2 customers/);
    assert.match(result.stderr, /Line 3 \(not-an-email\): email/);
    const [row] = await query(
      "select organization, password_hash from customers where email = 'om@example.com'",
    );
    assert.equal(row!.organization, 'Acme');
    assert.match(String(row!.password_hash), /^pbkdf2-sha256\$10000\$/);
  });

  test('loads the demo category tree, and refuses a tree with a missing translation', async () => {
    const loaded = await admin('categories:load', 'demo/categories.json');
    assert.match(loaded.stdout, /Saved 38 categories/);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([{ id: 'x', type: 'incident', labels: { es: 'Solo español' } }]),
    );
    const refused = await admin('categories:load', bad);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /labels\.pt/);
  });

  test('makes a customer a manager of their organization, and undoes it', async () => {
    const on = await admin('customer:manager', '--email', 'OM@example.com');
    assert.equal(on.code, 0, on.stderr);
    assert.match(on.stdout, /om@example\.com now manages Acme/);
    const manager = () =>
      query("select organization_manager from customers where email = 'om@example.com'");
    assert.equal((await manager())[0]!.organization_manager, 1);
    const off = await admin('customer:manager', '--email', 'om@example.com', '--off');
    assert.equal(off.code, 0, off.stderr);
    assert.equal((await manager())[0]!.organization_manager, 0);
    const lone = await admin('customer:manager', '--email', 'nora@example.com');
    assert.equal(lone.code, 1);
    assert.match(lone.stderr, /no organization/);
    const unknown = await admin('customer:manager', '--email', 'nobody@example.com');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no customer/);
  });
});

describe('npm run admin as its own process', () => {
  test('creates a customer in the database LIBSQL_URL names', async () => {
    const env = { ...process.env, DATA_DIR: dir, LIBSQL_URL: url, PBKDF2_ITERATIONS: '10000' };
    const created = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'edge/scripts/admin.ts',
        'customer:create',
        '--email',
        'smoke@example.com',
        '--name',
        'Smoke',
      ],
      { env },
    );
    assert.match(created.stdout, /Created customer smoke@example\.com/);
    const rows = await query("select name from customers where email = 'smoke@example.com'");
    assert.deepEqual(
      rows.map((row) => row.name),
      ['Smoke'],
    );
  });
});
