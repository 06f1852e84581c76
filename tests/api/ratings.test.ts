import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { RATING_CHANGE_HOURS } from '../../contract/domain.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { ticketRatings } from '../../edge/db/schema.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';

const HOUR = 3_600_000;

let portal: TestPortal;
/** Logged in afresh for each test: a test that moves the clock a day on outlives a session. */
let session: CustomerSession;
let stranger: CustomerSession;
let credentials: { email: string; password: string };
before(async () => {
  portal = await startPortal();
});
beforeEach(async () => {
  credentials = await portal.createCustomer({ name: 'Laia Vidal' });
  session = await logIn(portal, credentials.email, credentials.password);
  const other = await portal.createCustomer({ organization: 'Another Org' });
  stranger = await logIn(portal, other.email, other.password);
});
after(() => portal.close());

const rate = (who: CustomerSession, number: number, body: unknown) =>
  who.json(apiPath(ROUTES.rating, { number }), 'PUT', body);

/** Moves the clock on, and logs in again: access tokens are short-lived. */
async function later(ms: number) {
  portal.clock.advance(ms);
  session = await logIn(portal, credentials.email, credentials.password);
}

/** A ticket of the customer's, solved and accepted: closed. */
async function closedTicket(): Promise<number> {
  const { number } = await session.newTicket();
  await proposeSolution(portal, number, 'Restart the service.');
  const accepted = await session.request(apiPath(ROUTES.accept, { number }), { method: 'POST' });
  assert.equal(accepted.status, 200);
  return number;
}

const details = async (number: number) =>
  (await (await session.ticket(number)).json()) as TicketDetails;

describe('rating a closed ticket', () => {
  test('the requester rates it once with a comment; the details and the timeline show it', async () => {
    const number = await closedTicket();
    const response = await rate(session, number, { score: 4, comment: '  Quick and clear.  ' });
    assert.equal(response.status, 200);
    const body = (await response.json()) as TicketDetails;
    const now = portal.clock.now();
    assert.deepEqual(body.rating, {
      score: 4,
      comment: 'Quick and clear.',
      ratedAt: now.toISOString(),
      changeableUntil: new Date(now.getTime() + RATING_CHANGE_HOURS * HOUR).toISOString(),
    });
    const rated = body.timeline.filter((event) => event.kind === 'rated');
    assert.equal(rated.length, 1);
    assert.deepEqual(rated[0]!.actor, { type: 'customer', name: 'Laia Vidal' });
    const rows = await portal.db.select().from(ticketRatings).where(eq(ticketRatings.score, 4));
    assert.ok(rows.some((row) => row.source === 'portal' && row.comment === 'Quick and clear.'));
  });

  test('without a comment, or a blank one, the comment is null', async () => {
    const number = await closedTicket();
    assert.equal((await rate(session, number, { score: 5 })).status, 200);
    assert.equal((await details(number)).rating?.comment, null);
    assert.equal((await rate(session, number, { score: 5, comment: '   ' })).status, 200);
    assert.equal((await details(number)).rating?.comment, null);
  });

  test('can be changed within the window, and not after it', async () => {
    const number = await closedTicket();
    await rate(session, number, { score: 2, comment: 'Slow.' });
    const first = (await details(number)).rating!;
    await later(RATING_CHANGE_HOURS * HOUR - 60_000);
    const changed = await rate(session, number, { score: 4, comment: 'Fixed in the end.' });
    assert.equal(changed.status, 200);
    const second = ((await changed.json()) as TicketDetails).rating!;
    assert.equal(second.score, 4);
    assert.equal(second.comment, 'Fixed in the end.');
    assert.equal(second.changeableUntil, first.changeableUntil, 'the window runs from the first');
    assert.ok(second.ratedAt > first.ratedAt);

    await later(2 * 60_000);
    const late = await rate(session, number, { score: 1 });
    assert.equal(late.status, 409);
    assert.equal((await late.json()).error.code, 'wrong_state');
    const after = await details(number);
    assert.equal(after.rating?.score, 4);
    assert.equal(after.timeline.filter((event) => event.kind === 'rated').length, 2);
  });

  test('an open ticket cannot be rated: wrong_state, nothing stored', async () => {
    const { number } = await session.newTicket();
    const response = await rate(session, number, { score: 5 });
    assert.equal(response.status, 409);
    assert.equal((await response.json()).error.code, 'wrong_state');
    const ticket = await details(number);
    assert.equal(ticket.rating, null);
    assert.ok(!ticket.timeline.some((event) => event.kind === 'rated'));
  });

  test('scores outside 1..5, non-integers and unknown fields are refused with their field', async () => {
    const number = await closedTicket();
    for (const score of [0, 6, 2.5, '5', null]) {
      const response = await rate(session, number, { score });
      assert.equal(response.status, 400, `score ${score}`);
      const { error } = await response.json();
      assert.equal(error.code, 'validation_failed');
      assert.ok(error.fields.score, `score ${score}`);
    }
    const missing = await rate(session, number, { comment: 'no score' });
    assert.deepEqual((await missing.json()).error.fields, { score: 'required' });
    const extra = await rate(session, number, { score: 3, source: 'email' });
    assert.deepEqual((await extra.json()).error.fields, { source: 'unknown_field' });
    const long = await rate(session, number, { score: 3, comment: 'x'.repeat(2001) });
    assert.deepEqual((await long.json()).error.fields, { comment: 'too_long' });
    assert.equal((await details(number)).rating, null);
  });

  test("another customer's ticket is not found, and unknown numbers too", async () => {
    const number = await closedTicket();
    const response = await rate(stranger, number, { score: 1 });
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, 'not_found');
    assert.equal((await rate(stranger, 999_999, { score: 1 })).status, 404);
    assert.equal((await details(number)).rating, null);
  });

  test('without a session: unauthenticated', async () => {
    const number = await closedTicket();
    const response = await portal.request(apiPath(ROUTES.rating, { number }), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 5 }),
    });
    assert.equal(response.status, 401);
  });
});
