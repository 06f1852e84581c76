import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LANGUAGES } from '../../contract/domain.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { CategoryNode, PublicConfig } from '../../contract/types.ts';
import { categories } from '../../edge/db/schema.ts';
import { forgetCategories } from '../../edge/domain/categories.ts';
import { eq } from 'drizzle-orm';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';

let portal: TestPortal;
before(async () => {
  portal = await startPortal({
    CONTACT_NAME: 'Soporte ACME',
    CONTACT_EMAIL: 'soporte@acme.example',
  });
});
after(() => portal.close());

describe('public configuration', () => {
  test('the widget learns languages, limits and the contact block without logging in', async () => {
    const response = await portal.request(ROUTES.config);
    assert.equal(response.status, 200);
    const config = (await response.json()) as PublicConfig;
    assert.deepEqual(config.languages, [...LANGUAGES]);
    assert.equal(config.defaultLanguage, 'es');
    assert.equal(config.limits.maxAttachmentBytes, 10 * 1024 * 1024);
    assert.ok(config.limits.attachmentExtensions.includes('pdf'));
    assert.ok(!config.limits.attachmentExtensions.includes('svg'));
    assert.equal(config.contact.name, 'Soporte ACME');
    assert.equal(config.contact.email, 'soporte@acme.example');
    assert.equal(config.autoAcceptDays, 7);
  });

  test('unknown routes answer with the error shape', async () => {
    const response = await portal.request('/api/nothing-here');
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      error: { code: 'not_found', message: 'Not found.' },
    });
  });
});

describe('CORS', () => {
  test('an allowed origin is answered, another one is not, and nothing is a wildcard', async () => {
    const allowed = await portal.request(ROUTES.config, {
      headers: { origin: 'https://shop.example.com' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    const other = await portal.request(ROUTES.config, {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);

    const preflight = await portal.request(ROUTES.tickets, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.match(preflight.headers.get('access-control-allow-headers')!, /authorization/i);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
  });
});

describe('categories', () => {
  test("the tree comes in the customer's language, leaves only where a ticket can go, no types", async () => {
    const customer = await portal.createCustomer({ language: 'fr' });
    const session = await logIn(portal, customer.email, customer.password);
    const tree = (await (await session.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.deepEqual(
      tree.map((node) => node.label),
      [
        'Logiciels et applications',
        'Infrastructure et cloud',
        'Compte, licences et facturation',
        'Autre demande',
      ],
    );
    // A top-level leaf: where a customer goes when no category fits.
    assert.deepEqual(tree[3]!.children, []);
    const erp = tree[0]!.children[0]!;
    assert.equal(erp.label, 'ERP de gestion');
    assert.deepEqual(Object.keys(erp.children[0]!).sort(), [
      'children',
      'help',
      'id',
      'keywords',
      'label',
    ]);
    assert.equal(JSON.stringify(tree).includes('incident'), false);
  });

  test('an inactive branch disappears from the menu and cannot be chosen', async () => {
    await portal.db
      .update(categories)
      .set({ active: false })
      .where(eq(categories.id, 'infra.backup'));
    forgetCategories(portal.db);
    const customer = await portal.createCustomer({ language: 'en' });
    const session = await logIn(portal, customer.email, customer.password);
    const tree = (await (await session.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.ok(!JSON.stringify(tree).includes('infra.backup'));
    const response = await session.createTicket({ category: 'infra.backup.restore' });
    assert.deepEqual((await response.json()).error.fields, { category: 'not_allowed' });
  });

  test('categories need a session', async () => {
    assert.equal((await portal.request(ROUTES.categories)).status, 401);
  });
});
