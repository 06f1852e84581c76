/**
 * A change of who a customer is ends what was handed out to the old identity: after the desk
 * changes the e-mail, after it deactivates the customer and after the customer changes the
 * password, a set-password link asked before sets nothing and a session started before gets 401.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import { askForLink, linkFor, postJson } from '../support/accounts.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { DeskClient, startDesk } from '../desk/support.ts';
import { assertRefusal } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
before(async () => ({ portal, desk } = await startDesk()));
after(() => portal.close());

type Customer = Awaited<ReturnType<TestPortal['createCustomer']>>;

const changes: Record<
  string,
  (c: Customer, session: CustomerSession) => Response | Promise<Response>
> = {
  'the desk changes the e-mail': (c) =>
    desk.send('PATCH', apiPath(DESK_ROUTES.customer, { id: c.id }), {
      email: `new-${c.email}`,
    }),
  'the desk deactivates the customer': (c) =>
    desk.send('POST', apiPath(DESK_ROUTES.deactivate, { id: c.id })),
  'the customer changes the password': (c, session) =>
    session.json(ROUTES.passwordChange, 'POST', {
      currentPassword: c.password,
      newPassword: 'a-brand-new-passphrase-77',
    }),
};

describe('links and sessions of the old identity', () => {
  for (const [name, change] of Object.entries(changes)) {
    test(`${name}: the earlier set-password link and session are dead`, async () => {
      const c = await portal.createCustomer();
      const session = await logIn(portal, c.email, c.password);
      assert.equal((await askForLink(portal, c.email)).status, 202);
      const { token } = await linkFor(portal, c.email);

      assert.equal((await change(c, session)).status, 200);

      const reset = await postJson(portal, ROUTES.passwordReset, {
        token,
        password: 'the-old-mailbox-takes-over-9',
      });
      const refused = await assertRefusal(reset, 'old link');
      assert.equal(refused.error.code, 'invalid_link');
      const me = await assertRefusal(await session.request(ROUTES.me), 'old session');
      assert.equal(me.error.code, 'unauthenticated');
    });
  }

  test('a desk change that keeps the e-mail (a new name) ends neither', async () => {
    const c = await portal.createCustomer();
    const session = await logIn(portal, c.email, c.password);
    await askForLink(portal, c.email);
    const { token } = await linkFor(portal, c.email);
    const patch = { name: 'Renamed', email: c.email.toUpperCase() };
    assert.equal(
      (await desk.send('PATCH', apiPath(DESK_ROUTES.customer, { id: c.id }), patch)).status,
      200,
    );
    assert.equal((await session.request(ROUTES.me)).status, 200);
    const reset = await postJson(portal, ROUTES.passwordReset, {
      token,
      password: 'still-my-own-mailbox-31',
    });
    assert.equal(reset.status, 200);
  });
});
