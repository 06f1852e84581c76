import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';

const dir = mkdtempSync(join(tmpdir(), 'portal-admin-'));
const env = {
  ...process.env,
  DATA_DIR: dir,
  LIBSQL_URL: `file:${join(dir, 'admin.db')}`,
  PBKDF2_ITERATIONS: '10000',
};
after(() => rmSync(dir, { recursive: true, force: true }));

async function admin(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      ['tsx', 'edge/scripts/admin.ts', ...args],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function query(sql: string) {
  const client = createClient({ url: env.LIBSQL_URL });
  try {
    return (await client.execute(sql)).rows;
  } finally {
    client.close();
  }
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
