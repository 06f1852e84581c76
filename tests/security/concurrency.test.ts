/**
 * Writes at the same time: 500 tickets from 50 customers at once (all stored, numbers unique,
 * each readable by its owner only), accept against reject on one solution (one wins, the other
 * gets 409), and information added in parallel (none lost).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import type { TestPortal } from '../support/app.ts';
import { startPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';

const CUSTOMERS = 50;
const EACH = 10;

let portal: TestPortal;
let customers: CustomerSession[];
before(async () => {
  portal = await startPortal();
  customers = await Promise.all(
    Array.from({ length: CUSTOMERS }, async () => {
      const c = await portal.createCustomer();
      return logIn(portal, c.email, c.password);
    }),
  );
});
after(() => portal.close());

test(`${CUSTOMERS * EACH} tickets created at once by ${CUSTOMERS} customers: all stored, unique numbers, owner-only`, async () => {
  const count = async () =>
    Number((await portal.client.execute('SELECT count(*) AS n FROM tickets')).rows[0]!.n);
  const before = await count();
  const created = await Promise.all(
    customers.flatMap((customer, c) =>
      Array.from({ length: EACH }, async (_, i) => {
        const response = await customer.createTicket({ description: `customer ${c} ticket ${i}` });
        assert.equal(response.status, 201, await response.clone().text());
        return { c, ticket: (await response.json()) as TicketDetails };
      }),
    ),
  );
  const numbers = new Set(created.map(({ ticket }) => ticket.number));
  assert.equal(numbers.size, CUSTOMERS * EACH);
  assert.equal((await count()) - before, CUSTOMERS * EACH);
  for (const { c, ticket } of created.filter((_, i) => i % 7 === 0)) {
    const own = await customers[c]!.ticket(ticket.number);
    assert.equal(own.status, 200);
    assert.equal(((await own.json()) as TicketDetails).description, ticket.description);
    const other = await customers[(c + 1) % CUSTOMERS]!.ticket(ticket.number);
    assert.equal(other.status, 404);
  }
});

test('accept and reject of the same solution at once: one wins, the other is told 409', async () => {
  for (let round = 0; round < 5; round++) {
    const customer = customers[round]!;
    const ticket = await customer.newTicket();
    await proposeSolution(portal, ticket.number, 'Try turning it off and on.');
    const [accepted, rejected] = await Promise.all([
      customer.request(apiPath(ROUTES.accept, { number: ticket.number }), { method: 'POST' }),
      customer.json(apiPath(ROUTES.reject, { number: ticket.number }), 'POST', { reason: 'no' }),
    ]);
    const statuses = [accepted.status, rejected.status].sort();
    assert.equal(statuses[1], 409, `round ${round}: ${statuses}`);
    assert.ok(statuses[0]! < 300, `round ${round}: ${statuses}`);
    const details = (await (await customer.ticket(ticket.number)).json()) as TicketDetails;
    assert.equal(details.status, accepted.status < 300 ? 'closed' : 'in_progress');
  }
});

test('information added 20 times at once: every text kept, the description untouched', async () => {
  const customer = customers[10]!;
  const ticket = await customer.newTicket({ description: 'Original words.' });
  const texts = Array.from({ length: 20 }, (_, i) => `addition ${i}`);
  const responses = await Promise.all(
    texts.map((text) =>
      customer.json(apiPath(ROUTES.information, { number: ticket.number }), 'POST', { text }),
    ),
  );
  for (const response of responses) assert.ok(response.status < 300, String(response.status));
  const details = (await (await customer.ticket(ticket.number)).json()) as TicketDetails;
  assert.equal(details.description, 'Original words.');
  const kept = details.additions.map((addition) => addition.text);
  assert.deepEqual([...kept].sort(), [...texts].sort());
  const stamps = details.additions.map((addition) => addition.at);
  assert.deepEqual(stamps, [...stamps].sort(), 'additions in the order they were stored');
});
