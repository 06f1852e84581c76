import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import { integrationKeys } from '../../edge/db/schema.ts';
import { createIntegrationKey, revokeIntegrationKey } from '../../edge/domain/integration-keys.ts';
import type { TestPortal } from '../support/app.ts';
import { DEMO_LOGIN } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
let key: string;
before(async () => ({ portal, desk, key } = await startDesk()));
after(() => portal.close());

const unauthenticated = async (response: Response) => {
  assert.equal(response.status, 401);
  assert.equal((await response.json()).error.code, 'unauthenticated');
};

describe('integration keys', () => {
  test('a live key opens the desk API', async () => {
    assert.equal((await desk.get(DESK_ROUTES.tickets)).status, 200);
  });

  test('no key, a malformed one, an unknown one, or a Basic header: 401', async () => {
    await unauthenticated(await portal.request(DESK_ROUTES.tickets));
    for (const header of [
      'Bearer',
      'Bearer spk_short',
      `Bearer spk_${'A'.repeat(43)}`,
      `Basic ${btoa(`desk:${key}`)}`,
      `bearer  ${key}`,
      key,
    ]) {
      await unauthenticated(
        await portal.request(DESK_ROUTES.tickets, { headers: { authorization: header } }),
      );
    }
  });

  test('every desk route needs the key, even one that does not exist', async () => {
    for (const path of [
      DESK_ROUTES.customers,
      DESK_ROUTES.categories,
      DESK_ROUTES.webhooks,
      apiPath(DESK_ROUTES.ticket, { number: 1002 }),
      '/api/desk',
      '/api/desk/nothing-here',
    ]) {
      await unauthenticated(await portal.request(path));
    }
    await unauthenticated(
      await portal.request(apiPath(DESK_ROUTES.status, { number: 1003 }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'closed' }),
      }),
    );
  });

  test('only a hash and a short prefix of the key are stored', async () => {
    const rows = await portal.db.select().from(integrationKeys);
    const serialized = JSON.stringify(rows);
    assert.ok(!serialized.includes(key));
    assert.ok(rows.some((row) => key.startsWith(row.prefix) && row.prefix.length < 16));
  });

  test('a revoked key is refused at once', async () => {
    const created = await createIntegrationKey(portal.db, 'Short-lived', portal.clock.now());
    const shortLived = new DeskClient(portal, created.key);
    assert.equal((await shortLived.get(DESK_ROUTES.tickets)).status, 200);
    assert.equal(await revokeIntegrationKey(portal.db, created.prefix, portal.clock.now()), true);
    await unauthenticated(await shortLived.get(DESK_ROUTES.tickets));
    assert.equal((await desk.get(DESK_ROUTES.tickets)).status, 200, 'other keys still work');
  });
});

describe('the two APIs never open each other', () => {
  test("a customer's access token is refused on /api/desk", async () => {
    const session = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
    assert.equal((await session.request(ROUTES.me)).status, 200);
    await unauthenticated(await session.request(DESK_ROUTES.tickets));
    await unauthenticated(await session.request(apiPath(DESK_ROUTES.ticket, { number: 1002 })));
    await unauthenticated(await session.request(DESK_ROUTES.customers));
  });

  test('a desk key is refused on the customer API', async () => {
    for (const path of [ROUTES.me, ROUTES.tickets, ROUTES.categories]) {
      await unauthenticated(await desk.get(path));
    }
    await unauthenticated(await desk.get(apiPath(ROUTES.ticket, { number: 1002 })));
    await unauthenticated(await desk.send('POST', apiPath(ROUTES.accept, { number: 1002 })));
  });
});
