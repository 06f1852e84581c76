/**
 * The desk and organizations: making a customer an organization manager (and back), which takes
 * effect on the customer's next request, and the colleagues in copy on the desk's ticket details.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskCustomer, DeskTicketDetails } from '../../contract/desk-types.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import { fingerprint } from '../security/support.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
before(async () => {
  ({ portal, desk } = await startDesk());
});
after(() => portal.close());

describe('organization managers through the desk API', () => {
  test('PATCH organizationManager: the customer sees the organization list, and stops seeing it', async () => {
    const boss = await portal.createCustomer({ organization: 'Desk Org', name: 'Boss' });
    const worker = await portal.createCustomer({ organization: 'Desk Org', name: 'Worker' });
    const session = await logIn(portal, boss.email, boss.password);
    const ticket = await (await logIn(portal, worker.email, worker.password)).newTicket();
    const list = () => session.request(`${ROUTES.tickets}?scope=organization`);
    assert.equal((await list()).status, 400);

    const path = apiPath(DESK_ROUTES.customer, { id: boss.id });
    const made = await desk.json<DeskCustomer>('PATCH', path, { organizationManager: true });
    assert.equal(made.organizationManager, true);
    assert.equal((await desk.json<DeskCustomer>('GET', path)).organizationManager, true);
    const me = await (await session.request(ROUTES.me)).json();
    assert.equal(me.organizationManager, true);
    const page = await (await list()).json();
    assert.deepEqual(
      page.items.map((item: { number: number; role: string }) => [item.number, item.role]),
      [[ticket.number, 'manager']],
    );
    assert.equal((await session.ticket(ticket.number)).status, 200);

    await desk.json('PATCH', path, { organizationManager: false });
    assert.equal((await list()).status, 400);
    assert.equal((await session.ticket(ticket.number)).status, 404);
  });

  test('a customer without an organization cannot be made a manager; a manager keeps one', async () => {
    const loner = await portal.createCustomer({ organization: '' });
    const boss = await portal.createCustomer({ organization: 'Desk Org 2' });
    await desk.json('PATCH', apiPath(DESK_ROUTES.customer, { id: boss.id }), {
      organizationManager: true,
    });
    const before = await fingerprint(portal.client);
    const refused = await desk.send('PATCH', apiPath(DESK_ROUTES.customer, { id: loner.id }), {
      organizationManager: true,
    });
    assert.equal(refused.status, 400);
    assert.deepEqual((await refused.json()).error.fields, { organizationManager: 'not_allowed' });
    const emptied = await desk.send('PATCH', apiPath(DESK_ROUTES.customer, { id: boss.id }), {
      organization: null,
    });
    assert.equal(emptied.status, 400);
    assert.deepEqual((await emptied.json()).error.fields, { organization: 'not_allowed' });
    const wrong = await desk.send('PATCH', apiPath(DESK_ROUTES.customer, { id: boss.id }), {
      organizationManager: 'yes',
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual(await fingerprint(portal.client), before);
  });
});

describe('desk ticket details', () => {
  test('list the colleagues in copy', async () => {
    const a = await portal.createCustomer({ organization: 'Copy Org', name: 'Ana' });
    const b = await portal.createCustomer({ organization: 'Copy Org', name: 'Bea' });
    const ticket = await (await logIn(portal, a.email, a.password)).newTicket({ colleagues: b.id });
    const details = await desk.json<DeskTicketDetails>(
      'GET',
      apiPath(DESK_ROUTES.ticket, { number: ticket.number }),
    );
    assert.deepEqual(details.colleagues, [{ id: b.id, name: 'Bea', email: b.email }]);
    assert.equal(details.timeline.at(-1)!.kind, 'colleague_added');
  });
});
