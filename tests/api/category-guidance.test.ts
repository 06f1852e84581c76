/**
 * Guidance in the category menu: help (a text and links) and keywords per category, as customers
 * receive them in their language, and the admin command refusing unsafe or incomplete guidance.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LANGUAGES, type Labels, type Language } from '../../contract/domain.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { CategoryNode } from '../../contract/types.ts';
import { admin } from '../support/admin.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';

let portal: TestPortal;
before(async () => {
  portal = await startPortal();
});
after(() => portal.close());

const find = (nodes: CategoryNode[], id: string): CategoryNode | undefined =>
  nodes.map((node) => (node.id === id ? node : find(node.children, id))).find(Boolean);

async function treeIn(language: Language): Promise<CategoryNode[]> {
  const customer = await portal.createCustomer({ language });
  const session = await logIn(portal, customer.email, customer.password);
  return (await session.request(ROUTES.categories)).json();
}

describe('category guidance for customers', () => {
  test("help and keywords come in the customer's language", async () => {
    const en = await treeIn('en');
    const access = find(en, 'account.access')!;
    assert.equal(access.label, 'Access and login');
    assert.ok(access.keywords.includes('password'));
    assert.match(access.help!.text, /forgotten your password/);
    assert.deepEqual(find(en, 'infra.mail')!.help!.links, [
      { label: 'Service status page', url: 'https://status.example.com' },
    ]);

    const es = await treeIn('es');
    assert.ok(find(es, 'account.access')!.keywords.includes('contraseña'));
    assert.deepEqual(find(es, 'infra.mail')!.help!.links, [
      { label: 'Página de estado del servicio', url: 'https://status.example.com' },
    ]);
    assert.ok(find(await treeIn('fr'), 'account.access')!.keywords.includes('mot de passe'));
  });

  test('a category without guidance has no help and no keywords', async () => {
    const leaf = find(await treeIn('it'), 'software.erp.error')!;
    assert.equal(leaf.help, null);
    assert.deepEqual(leaf.keywords, []);
  });
});

describe('npm run admin -- categories:load with guidance', () => {
  const labels = (text: string): Labels =>
    Object.fromEntries(LANGUAGES.map((language) => [language, `${text} (${language})`])) as Labels;

  const leaf = (id: string, extra: object) => ({
    id,
    labels: labels(id),
    type: 'request',
    ...extra,
  });

  async function load(tree: unknown) {
    const file = join(portal.dir, `tree-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(tree));
    return admin(portal.ports, 'categories:load', file);
  }

  test('refuses javascript:, http and malformed links, untranslated help and long keywords', async () => {
    const link = (url: string) => ({
      text: labels('Read this'),
      links: [{ label: labels('Link'), url }],
    });
    const refused = await load([
      leaf('bad-script', { help: link('javascript:alert(1)') }),
      leaf('bad-http', { help: link('http://status.example.com') }),
      leaf('bad-url', { help: link('not a url') }),
      leaf('bad-text', { help: { text: { es: 'Solo español' }, links: [] } }),
      leaf('bad-keywords', { keywords: { en: ['x'.repeat(61)] } }),
      leaf('bad-language', { keywords: { de: ['Passwort'] } }),
    ]);
    assert.equal(refused.code, 1);
    for (const path of [
      /0\.help\.links\.0\.url/,
      /1\.help\.links\.0\.url/,
      /2\.help\.links\.0\.url/,
      /3\.help\.text\.pt/,
      /4\.keywords\.en\.0/,
      /5\.keywords/,
    ]) {
      assert.match(refused.stderr, path);
    }
    const rows = await portal.client.execute("select id from categories where id like 'bad-%'");
    assert.equal(rows.rows.length, 0, 'nothing saved');
  });

  test('stores https links and keywords, and loading again without them removes them', async () => {
    const help = {
      text: labels('Check the status page'),
      links: [{ label: labels('Status'), url: 'https://status.example.com/mail' }],
    };
    const loaded = await load([leaf('good', { help, keywords: { en: ['inbox'] } })]);
    assert.equal(loaded.code, 0, loaded.stderr);
    const read = async () =>
      (await portal.client.execute("select help, keywords from categories where id = 'good'"))
        .rows[0]!;
    const stored = await read();
    assert.deepEqual(JSON.parse(String(stored.help)), help);
    assert.deepEqual(JSON.parse(String(stored.keywords)), { en: ['inbox'] });
    assert.equal((await load([leaf('good', {})])).code, 0);
    const cleared = await read();
    assert.equal(cleared.help, null);
    assert.equal(cleared.keywords, null);
  });
});
