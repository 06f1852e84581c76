/**
 * Read routes send the session check with their own reads, built for the customer the session's
 * last check returned (edge/middleware/customer-auth.ts, `customerReads`). Whatever changed in
 * the database since (by another process, as another Worker isolate would) decides the answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { ErrorBody } from '../../contract/errors.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { CategoryNode, Customer, TicketPage } from '../../contract/types.ts';
import { customers, sessions } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';

let portal: TestPortal;
let manager: CustomerSession;
let managerId: string;
before(async () => {
  portal = await startPortal();
  const created = await portal.createCustomer({
    name: 'Marta',
    organization: 'Acme',
    language: 'en',
  });
  managerId = created.id;
  await portal.db
    .update(customers)
    .set({ organizationManager: true })
    .where(eq(customers.id, managerId));
  manager = await logIn(portal, created.email, created.password);
});
after(() => portal.close());

const searchOrganization = () =>
  manager.request(
    `${ROUTES.ticketSearch}?${new URLSearchParams({ q: 'printer', scope: 'organization' })}`,
  );

describe('reads sent with the session check', () => {
  test('follow a language changed since the session was last checked', async () => {
    const before = (await (await manager.request(ROUTES.categories)).json()) as CategoryNode[];
    await portal.db.update(customers).set({ language: 'fr' }).where(eq(customers.id, managerId));
    const me = (await (await manager.request(ROUTES.me)).json()) as Customer;
    assert.equal(me.language, 'fr');
    const after = (await (await manager.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.equal(after.length, before.length);
    assert.notEqual(after[0]!.label, before[0]!.label, 'the tree is in French now');
    await portal.db.update(customers).set({ language: 'en' }).where(eq(customers.id, managerId));
    const again = (await (await manager.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.equal(again[0]!.label, before[0]!.label);
  });

  test("follow a manager's role taken away and given back", async () => {
    assert.equal((await searchOrganization()).status, 200);
    await portal.db
      .update(customers)
      .set({ organizationManager: false })
      .where(eq(customers.id, managerId));
    const refused = await searchOrganization();
    assert.equal(refused.status, 400);
    await portal.db
      .update(customers)
      .set({ organizationManager: true })
      .where(eq(customers.id, managerId));
    const allowed = await searchOrganization();
    assert.equal(allowed.status, 200);
    assert.deepEqual(((await allowed.json()) as TicketPage).items, []);
  });

  test('answer nothing once the session is revoked', async () => {
    for (const path of [ROUTES.me, ROUTES.categories]) {
      assert.equal((await manager.request(path)).status, 200, path);
    }
    assert.equal((await searchOrganization()).status, 200);
    await portal.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.customerId, managerId));
    for (const path of [ROUTES.me, ROUTES.categories]) {
      const response = await manager.request(path);
      assert.equal(response.status, 401, path);
      assert.equal(((await response.json()) as ErrorBody).error.code, 'unauthenticated');
    }
    assert.equal((await searchOrganization()).status, 401);
  });
});
