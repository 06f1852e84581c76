import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskTicketDetails } from '../../contract/desk-types.ts';
import type { TicketStatus } from '../../contract/domain.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
before(async () => {
  ({ portal, desk } = await startDesk());
  const created = await portal.createCustomer({ name: 'Pau Serra' });
  customer = await logIn(portal, created.email, created.password);
});
after(() => portal.close());

const setStatus = (number: number, status: string) =>
  desk.send('POST', apiPath(DESK_ROUTES.status, { number }), { status });
const propose = (number: number, solution: unknown) =>
  desk.send('POST', apiPath(DESK_ROUTES.solution, { number }), { solution });
const comment = (number: number, text: unknown) =>
  desk.send('POST', apiPath(DESK_ROUTES.comments, { number }), { text });
const deskView = (number: number) =>
  desk.json<DeskTicketDetails>('GET', apiPath(DESK_ROUTES.ticket, { number }));
const customerView = async (number: number) =>
  (await (await customer.ticket(number)).json()) as TicketDetails;

/** A fresh ticket of the customer, moved by the desk into `status`. */
async function ticketIn(status: TicketStatus): Promise<number> {
  const { number } = await customer.newTicket();
  if (status === 'in_progress' || status === 'resolved') {
    assert.equal((await setStatus(number, 'in_progress')).status, 200);
  }
  if (status === 'resolved') assert.equal((await propose(number, 'Try this')).status, 200);
  if (status === 'closed') assert.equal((await setStatus(number, 'closed')).status, 200);
  return number;
}

async function assertConflict(response: Response, number: number, before: DeskTicketDetails) {
  assert.equal(response.status, 409);
  assert.equal((await response.json()).error.code, 'wrong_state');
  const after = await deskView(number);
  assert.equal(after.status, before.status);
  assert.equal(after.timeline.length, before.timeline.length, 'nothing written');
  assert.equal(after.updatedAt, before.updatedAt);
}

describe('the lifecycle, played by the desk and the customer', () => {
  test('new -> in_progress -> resolved -> accepted by the customer -> closed', async () => {
    const { number } = await customer.newTicket();
    portal.clock.advance(60_000);
    const started = await setStatus(number, 'in_progress');
    assert.equal(started.status, 200);
    assert.equal(((await started.json()) as DeskTicketDetails).status, 'in_progress');

    portal.clock.advance(60_000);
    const solved = (await (
      await propose(number, 'Period 10/2026 unlocked.')
    ).json()) as DeskTicketDetails;
    assert.equal(solved.status, 'resolved');
    assert.equal(solved.solution, 'Period 10/2026 unlocked.');
    assert.equal(solved.solutionProposedAt, portal.clock.now().toISOString());

    const seen = await customerView(number);
    assert.equal(seen.solutionPending, true);
    assert.equal(seen.solution, 'Period 10/2026 unlocked.');

    const accepted = await customer.request(apiPath(ROUTES.accept, { number }), { method: 'POST' });
    assert.equal(accepted.status, 200);
    const closed = await deskView(number);
    assert.equal(closed.status, 'closed');
    assert.deepEqual(
      closed.timeline.map((event) => [event.kind, event.actor.type, event.status]),
      [
        ['created', 'customer', 'new'],
        ['status_changed', 'desk', 'in_progress'],
        ['solution_proposed', 'desk', 'resolved'],
        ['solution_accepted', 'customer', 'closed'],
      ],
    );
    assert.deepEqual(closed.timeline[1]!.actor, { type: 'desk', name: null });
  });

  test('a rejected solution comes back in progress, and a new one can be proposed', async () => {
    const number = await ticketIn('resolved');
    const rejected = await customer.json(apiPath(ROUTES.reject, { number }), 'POST', {
      reason: 'Still failing',
    });
    assert.equal(rejected.status, 200);
    assert.equal((await deskView(number)).status, 'in_progress');
    assert.equal((await propose(number, 'Second try')).status, 200);
    assert.equal((await customerView(number)).solution, 'Second try');
  });

  test('a solution can be proposed straight from new', async () => {
    const { number } = await customer.newTicket();
    assert.equal((await propose(number, 'Done already')).status, 200);
  });

  test('closed directly from every open status cancels the ticket', async () => {
    for (const status of ['new', 'in_progress', 'resolved'] as const) {
      const number = await ticketIn(status);
      portal.clock.advance(1000);
      const response = await setStatus(number, 'closed');
      assert.equal(response.status, 200, status);
      const details = (await response.json()) as DeskTicketDetails;
      assert.equal(details.status, 'closed');
      assert.equal(details.closedAt, portal.clock.now().toISOString());
      assert.equal((await customerView(number)).status, 'closed');
    }
  });
});

describe('illegal moves are 409 wrong_state and change nothing', () => {
  const illegal: [TicketStatus, string][] = [
    ['new', 'new'],
    ['new', 'resolved'],
    ['in_progress', 'in_progress'],
    ['in_progress', 'new'],
    ['in_progress', 'resolved'],
    ['resolved', 'new'],
    ['resolved', 'in_progress'],
    ['resolved', 'resolved'],
    ['closed', 'new'],
    ['closed', 'in_progress'],
    ['closed', 'resolved'],
    ['closed', 'closed'],
  ];
  for (const [from, to] of illegal) {
    test(`${from} -> ${to}`, async () => {
      const number = await ticketIn(from);
      const before = await deskView(number);
      portal.clock.advance(1000);
      await assertConflict(await setStatus(number, to), number, before);
    });
  }

  test('a solution on a resolved or closed ticket', async () => {
    for (const status of ['resolved', 'closed'] as const) {
      const number = await ticketIn(status);
      const before = await deskView(number);
      portal.clock.advance(1000);
      await assertConflict(await propose(number, 'Another'), number, before);
    }
  });

  test('a move on a ticket that does not exist is 404, not 409', async () => {
    assert.equal((await setStatus(999_999, 'closed')).status, 404);
    assert.equal((await propose(999_999, 'x')).status, 404);
    assert.equal((await comment(999_999, 'x')).status, 404);
  });
});

describe('public comments', () => {
  test('the customer sees the comment in the timeline; the status does not move', async () => {
    const number = await ticketIn('in_progress');
    const response = await comment(number, 'We are on it <b>today</b>.');
    assert.equal(response.status, 200);
    const seen = await customerView(number);
    const last = seen.timeline.at(-1)!;
    assert.equal(last.kind, 'public_comment');
    assert.equal(last.text, 'We are on it <b>today</b>.');
    assert.deepEqual(last.actor, { type: 'desk', name: null });
    assert.equal(seen.status, 'in_progress');
  });
});

describe('bad requests', () => {
  test('missing, unknown, empty or too long fields: validation_failed', async () => {
    const number = await ticketIn('new');
    const cases: [Promise<Response>, Record<string, string>][] = [
      [setStatus(number, 'open'), { status: 'not_allowed' }],
      [
        desk.send('POST', apiPath(DESK_ROUTES.status, { number }), {
          status: 'closed',
          closedAt: '2020-01-01',
        }),
        { closedAt: 'unknown_field' },
      ],
      [propose(number, '   '), { solution: 'required' }],
      [propose(number, 'x'.repeat(10_001)), { solution: 'too_long' }],
      [comment(number, ''), { text: 'required' }],
    ];
    for (const [pending, fields] of cases) {
      const response = await pending;
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.equal(body.error.code, 'validation_failed');
      assert.deepEqual(body.error.fields, fields);
    }
    const missing = await desk.send('POST', apiPath(DESK_ROUTES.status, { number }), {});
    assert.equal(missing.status, 400);
    assert.deepEqual(Object.keys((await missing.json()).error.fields), ['status']);
    assert.equal((await deskView(number)).timeline.length, 1, 'nothing was written');
  });

  test('a body that is not JSON, or not said to be: 400 invalid_json / 415', async () => {
    const path = apiPath(DESK_ROUTES.status, { number: 1003 });
    const broken = await desk.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"status":',
    });
    assert.equal(broken.status, 400);
    assert.equal((await broken.json()).error.code, 'invalid_json');
    const form = await desk.request(path, {
      method: 'POST',
      body: new URLSearchParams({ status: 'closed' }),
    });
    assert.equal(form.status, 415);
    assert.equal((await form.json()).error.code, 'unsupported_media_type');
  });
});
