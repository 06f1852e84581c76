import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskCustomer } from '../../contract/desk-types.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
before(async () => ({ portal, desk } = await startDesk()));
after(() => portal.close());

const create = (body: unknown) => desk.send('POST', DESK_ROUTES.customers, body);
const login = (email: string, password: string) =>
  portal.request(ROUTES.session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('customers through the desk API', () => {
  test('created without a password: stored, listed, and unable to log in until first access', async () => {
    const response = await create({
      email: 'Lia.Roca@Example.com',
      name: 'Lia Roca',
      organization: 'Roca i Fills',
      language: 'ca',
    });
    assert.equal(response.status, 201);
    const created = (await response.json()) as DeskCustomer;
    assert.deepEqual(
      { ...created, id: '', createdAt: '', updatedAt: '' },
      {
        id: '',
        email: 'lia.roca@example.com',
        name: 'Lia Roca',
        organization: 'Roca i Fills',
        language: 'ca',
        organizationManager: false,
        active: true,
        hasPassword: false,
        createdAt: '',
        updatedAt: '',
      },
    );
    const read = await desk.json<DeskCustomer>(
      'GET',
      apiPath(DESK_ROUTES.customer, { id: created.id }),
    );
    assert.deepEqual(read, created);
    const found = await desk.json<{ items: DeskCustomer[] }>(
      'GET',
      `${DESK_ROUTES.customers}?email=LIA.ROCA@example.com`,
    );
    assert.deepEqual(found.items, [created]);
    assert.equal((await login('lia.roca@example.com', '')).status, 400);
    assert.equal((await login('lia.roca@example.com', 'anything-at-all')).status, 401);
  });

  test('created with a password: the customer can log in', async () => {
    const response = await create({
      email: 'max@example.com',
      name: 'Max',
      password: 'correct horse battery',
    });
    assert.equal(response.status, 201);
    assert.equal(((await response.json()) as DeskCustomer).hasPassword, true);
    assert.equal((await login('max@example.com', 'correct horse battery')).status, 201);
  });

  test('the same e-mail twice, in any case, is refused', async () => {
    await create({ email: 'dup@example.com', name: 'One' });
    const again = await create({ email: 'DUP@example.com', name: 'Two' });
    assert.equal(again.status, 400);
    assert.deepEqual((await again.json()).error.fields, { email: 'not_allowed' });
  });

  test('bad or extra fields are refused (no mass assignment)', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email', name: 'X' }, 'email'],
      [{ email: 'x@example.com', name: '' }, 'name'],
      [{ email: 'x@example.com', name: 'X', language: 'de' }, 'language'],
      [{ email: 'x@example.com', name: 'X', password: 'short' }, 'password'],
      [{ email: 'x@example.com', name: 'X', active: false }, 'active'],
      [{ email: 'x@example.com', name: 'X', tokenVersion: 9 }, 'tokenVersion'],
      [{ email: 'x@example.com', name: 'X', passwordHash: 'x' }, 'passwordHash'],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = (await response.json()).error;
      assert.equal(error.code, 'validation_failed');
      assert.ok(field in error.fields, `${field} in ${JSON.stringify(error.fields)}`);
    }
    const none = await desk.json<{ items: unknown[] }>(
      'GET',
      `${DESK_ROUTES.customers}?email=x@example.com`,
    );
    assert.deepEqual(none.items, []);
  });

  test('updates name, organization, language and e-mail; nothing else', async () => {
    const customer = await portal.createCustomer({ name: 'Old Name' });
    const path = apiPath(DESK_ROUTES.customer, { id: customer.id });
    const updated = await desk.json<DeskCustomer>('PATCH', path, {
      name: 'New Name',
      organization: null,
      language: 'fr',
      email: `New.${customer.email}`,
    });
    assert.equal(updated.name, 'New Name');
    assert.equal(updated.organization, null);
    assert.equal(updated.language, 'fr');
    assert.equal(updated.email, `new.${customer.email}`);
    assert.equal((await login(updated.email, customer.password)).status, 201);

    assert.equal((await desk.send('PATCH', path, {})).status, 400, 'nothing to change');
    for (const field of ['password', 'active', 'id', 'tokenVersion']) {
      const response = await desk.send('PATCH', path, { name: 'X', [field]: 'x'.repeat(12) });
      assert.equal(response.status, 400, field);
      assert.deepEqual((await response.json()).error.fields, { [field]: 'unknown_field' });
    }
    assert.equal((await desk.json<DeskCustomer>('GET', path)).name, 'New Name');
    const taken = await desk.send('PATCH', path, { email: 'ana.garcia@example.com' });
    assert.deepEqual((await taken.json()).error.fields, { email: 'not_allowed' });
  });

  test('deactivating ends every session and refuses the next login', async () => {
    const customer = await portal.createCustomer();
    const session = await logIn(portal, customer.email, customer.password);
    assert.equal((await session.request(ROUTES.me)).status, 200);
    const path = apiPath(DESK_ROUTES.deactivate, { id: customer.id });
    const deactivated = await desk.json<DeskCustomer>('POST', path);
    assert.equal(deactivated.active, false);
    assert.equal((await session.request(ROUTES.me)).status, 401);
    assert.equal((await login(customer.email, customer.password)).status, 401);
    assert.equal((await desk.json<DeskCustomer>('POST', path)).active, false, 'again is harmless');
  });

  test('reactivating lets the customer log in again; the sessions deactivation ended stay ended', async () => {
    const customer = await portal.createCustomer();
    const before = await logIn(portal, customer.email, customer.password);
    await desk.json<DeskCustomer>('POST', apiPath(DESK_ROUTES.deactivate, { id: customer.id }));
    const path = apiPath(DESK_ROUTES.reactivate, { id: customer.id });
    const reactivated = await desk.json<DeskCustomer>('POST', path);
    assert.equal(reactivated.active, true);
    assert.equal((await before.request(ROUTES.me)).status, 401);
    const after = await logIn(portal, customer.email, customer.password);
    assert.equal((await after.request(ROUTES.me)).status, 200);
    assert.equal((await desk.json<DeskCustomer>('POST', path)).active, true, 'again is harmless');
    assert.equal((await after.request(ROUTES.me)).status, 200, 'and ends no session');
  });

  test('unknown customers are 404', async () => {
    for (const [method, path] of [
      ['GET', apiPath(DESK_ROUTES.customer, { id: 'nobody' })],
      ['PATCH', apiPath(DESK_ROUTES.customer, { id: 'nobody' })],
      ['POST', apiPath(DESK_ROUTES.deactivate, { id: 'nobody' })],
      ['POST', apiPath(DESK_ROUTES.reactivate, { id: 'nobody' })],
    ] as const) {
      const response = await desk.send(
        method,
        path,
        method === 'PATCH' ? { name: 'X' } : undefined,
      );
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal((await response.json()).error.code, 'not_found');
    }
  });

  test('lists page by e-mail and filter by organization', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: DeskCustomer[]; nextCursor: string | null } = await desk.json(
        'GET',
        `${DESK_ROUTES.customers}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...page.items.map((item) => item.email));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(all, [...all].sort());
    assert.equal(new Set(all).size, all.length);
    assert.ok(all.includes('ana.garcia@example.com'));
    const costa = await desk.json<{ items: DeskCustomer[] }>(
      'GET',
      `${DESK_ROUTES.customers}?organization=${encodeURIComponent('Costa & Filhos Lda.')}`,
    );
    assert.deepEqual(
      costa.items.map((item) => item.name),
      ['Bruno Costa'],
    );
  });
});
