import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';

let portal: TestPortal;
let session: CustomerSession;
before(async () => {
  portal = await startPortal();
  const customer = await portal.createCustomer({ name: 'Marta Puig' });
  session = await logIn(portal, customer.email, customer.password);
});
after(() => portal.close());

const addInformation = (number: number, text: unknown) =>
  session.json(apiPath(ROUTES.information, { number }), 'POST', { text });
const accept = (number: number) =>
  session.request(apiPath(ROUTES.accept, { number }), { method: 'POST' });
const reject = (number: number, body: unknown) =>
  session.json(apiPath(ROUTES.reject, { number }), 'POST', body);

describe('adding information', () => {
  test('appends dated, signed text in order and never rewrites the description', async () => {
    const ticket = await session.newTicket({ description: 'Original text' });
    await addInformation(ticket.number, 'First addition');
    portal.clock.advance(60_000);
    const response = await addInformation(ticket.number, 'Second addition');
    assert.equal(response.status, 200);
    const details = (await response.json()) as TicketDetails;
    assert.equal(details.description, 'Original text');
    assert.deepEqual(
      details.additions.map((addition) => [addition.text, addition.author]),
      [
        ['First addition', 'Marta Puig'],
        ['Second addition', 'Marta Puig'],
      ],
    );
    assert.ok(details.additions[1]!.at > details.additions[0]!.at);
  });

  test('concurrent additions are all kept', async () => {
    const ticket = await session.newTicket();
    const texts = Array.from({ length: 10 }, (_, i) => `Addition ${i}`);
    const responses = await Promise.all(texts.map((text) => addInformation(ticket.number, text)));
    assert.ok(responses.every((response) => response.status === 200));
    const details = (await (await session.ticket(ticket.number)).json()) as TicketDetails;
    assert.deepEqual(new Set(details.additions.map((a) => a.text)), new Set(texts));
  });

  test('empty, too long, or extra fields are refused', async () => {
    const ticket = await session.newTicket();
    assert.deepEqual((await (await addInformation(ticket.number, '  ')).json()).error.fields, {
      text: 'required',
    });
    const long = await addInformation(
      ticket.number,
      'x'.repeat(portal.ports.config.MAX_INFORMATION_LENGTH + 1),
    );
    assert.deepEqual((await long.json()).error.fields, { text: 'too_long' });
    const extra = await session.json(
      apiPath(ROUTES.information, { number: ticket.number }),
      'POST',
      {
        text: 'ok',
        status: 'closed',
      },
    );
    assert.deepEqual((await extra.json()).error.fields, { status: 'unknown_field' });
    const details = (await (await session.ticket(ticket.number)).json()) as TicketDetails;
    assert.deepEqual(details.additions, []);
    assert.equal(details.status, 'new');
  });
});

describe('answering a solution', () => {
  test('accepting an unresolved ticket is a conflict and changes nothing', async () => {
    const ticket = await session.newTicket();
    const response = await accept(ticket.number);
    assert.equal(response.status, 409);
    assert.equal((await response.json()).error.code, 'wrong_state');
    const details = (await (await session.ticket(ticket.number)).json()) as TicketDetails;
    assert.equal(details.status, 'new');
    assert.equal(details.timeline.length, 1);
  });

  test('accepting closes the ticket; it moves to the closed list and takes no more information', async () => {
    const ticket = await session.newTicket();
    await proposeSolution(portal, ticket.number, 'Restart the router.');
    const open = await (await session.ticket(ticket.number)).json();
    assert.equal(open.solutionPending, true);
    assert.equal(open.solution, 'Restart the router.');

    const response = await accept(ticket.number);
    assert.equal(response.status, 200);
    const closed = (await response.json()) as TicketDetails;
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedAt, portal.clock.now().toISOString());
    assert.deepEqual(
      closed.timeline.map((event) => event.kind),
      ['created', 'solution_proposed', 'solution_accepted'],
    );
    const closedList = await (await session.request(`${ROUTES.tickets}?state=closed`)).json();
    assert.ok(closedList.items.some((item: { number: number }) => item.number === ticket.number));
    assert.equal((await addInformation(ticket.number, 'too late')).status, 409);
    assert.equal((await accept(ticket.number)).status, 409);
  });

  test('rejecting needs a reason and sends the ticket back in progress', async () => {
    const ticket = await session.newTicket();
    await proposeSolution(portal, ticket.number, 'Clear the cache.');
    const noReason = await reject(ticket.number, {});
    assert.deepEqual((await noReason.json()).error.fields, { reason: 'required' });

    const response = await reject(ticket.number, { reason: 'Still failing after clearing it.' });
    assert.equal(response.status, 200);
    const details = (await response.json()) as TicketDetails;
    assert.equal(details.status, 'in_progress');
    assert.equal(details.solutionPending, false);
    const rejection = details.timeline.at(-1)!;
    assert.equal(rejection.kind, 'solution_rejected');
    assert.equal(rejection.text, 'Still failing after clearing it.');
  });

  test('concurrent accept and reject: exactly one wins, the other gets 409', async () => {
    const ticket = await session.newTicket();
    await proposeSolution(portal, ticket.number, 'Try again.');
    const statuses = (
      await Promise.all([accept(ticket.number), reject(ticket.number, { reason: 'No.' })])
    ).map((response) => response.status);
    assert.deepEqual([...statuses].sort(), [200, 409]);
    const details = (await (await session.ticket(ticket.number)).json()) as TicketDetails;
    const answers = details.timeline.filter(
      (event) => event.kind.startsWith('solution_') && event.kind !== 'solution_proposed',
    );
    assert.equal(answers.length, 1);
  });
});
