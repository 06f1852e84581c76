import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskRatingPage, WebhookSubscriptionCreated } from '../../contract/desk-types.ts';
import type { WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import { webhookDeliveries } from '../../edge/db/schema.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
let customerId: string;
before(async () => {
  ({ portal, desk } = await startDesk());
  const created = await portal.createCustomer({ name: 'Pau Ribas', organization: 'Ribas SA' });
  customerId = created.id;
  customer = await logIn(portal, created.email, created.password);
});
after(() => portal.close());

async function closedTicket(): Promise<number> {
  const { number } = await customer.newTicket();
  await desk.json('POST', apiPath(DESK_ROUTES.status, { number }), { status: 'closed' });
  return number;
}

async function rate(number: number, score: number, comment?: string) {
  const response = await customer.json(apiPath(ROUTES.rating, { number }), 'PUT', {
    score,
    comment,
  });
  assert.equal(response.status, 200);
}

describe('ratings for the desk', () => {
  test('a rating fires ticket.rated with the score, the comment and the source', async () => {
    const subscription = await desk.json<WebhookSubscriptionCreated>(
      'POST',
      DESK_ROUTES.webhooks,
      { url: 'https://desk.example.com/hooks', events: ['ticket.rated'] },
      201,
    );
    const number = await closedTicket();
    await rate(number, 2, 'It took a week.');
    const rows = await portal.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscription.id));
    assert.equal(rows.length, 1);
    const payload = JSON.parse(rows[0]!.payload) as WebhookPayload;
    assert.equal(payload.type, 'ticket.rated');
    assert.equal(payload.data.ticket.number, number);
    assert.equal(payload.data.ticket.status, 'closed');
    assert.equal(payload.data.ticket.followUpOf, null);
    assert.equal(payload.data.ticket.customer.id, customerId);
    assert.deepEqual(payload.data.rating, {
      score: 2,
      comment: 'It took a week.',
      source: 'portal',
    });
    assert.equal(payload.data.event.kind, 'rated');
    assert.equal(payload.data.event.text, 'It took a week.');
    await desk.send('DELETE', apiPath(DESK_ROUTES.webhook, { id: subscription.id }));
  });

  test('the list is newest change first, with the customer, filtered by since, keyset paged', async () => {
    const first = await closedTicket();
    const second = await closedTicket();
    const third = await closedTicket();
    // After the other test's rating, so `since` leaves it out.
    portal.clock.advance(1000);
    const start = portal.clock.now();
    await rate(first, 3);
    portal.clock.advance(1000);
    await rate(second, 5, 'Great.');
    portal.clock.advance(1000);
    await rate(third, 1);
    portal.clock.advance(1000);
    // A change moves a rating to the top.
    await rate(first, 4, 'Better on second thought.');

    const page = await desk.json<DeskRatingPage>(
      'GET',
      `${DESK_ROUTES.ratings}?since=${encodeURIComponent(start.toISOString())}&limit=2`,
    );
    assert.deepEqual(
      page.items.map((item) => [item.ticket.number, item.score, item.comment]),
      [
        [first, 4, 'Better on second thought.'],
        [third, 1, null],
      ],
    );
    assert.equal(page.items[0]!.customer.name, 'Pau Ribas');
    assert.equal(page.items[0]!.customer.organization, 'Ribas SA');
    assert.equal(page.items[0]!.source, 'portal');
    assert.equal(page.items[0]!.createdAt, start.toISOString());
    assert.ok(page.items[0]!.updatedAt > page.items[0]!.createdAt);
    assert.ok(page.nextCursor);
    const next = await desk.json<DeskRatingPage>(
      'GET',
      `${DESK_ROUTES.ratings}?since=${encodeURIComponent(start.toISOString())}&limit=2&cursor=${page.nextCursor}`,
    );
    assert.deepEqual(
      next.items.map((item) => item.ticket.number),
      [second],
    );
    assert.equal(next.nextCursor, null);

    const later = new Date(start.getTime() + 2500).toISOString();
    const since = await desk.json<DeskRatingPage>(
      'GET',
      `${DESK_ROUTES.ratings}?since=${encodeURIComponent(later)}`,
    );
    assert.deepEqual(
      since.items.map((item) => item.ticket.number),
      [first],
    );
  });

  test('bad filters are refused with their field; no key is unauthenticated', async () => {
    const bad = await desk.send('GET', `${DESK_ROUTES.ratings}?since=yesterday&cursor=x`);
    assert.equal(bad.status, 400);
    const { error } = await bad.json();
    assert.equal(error.code, 'validation_failed');
    assert.ok(error.fields.since && error.fields.cursor);
    assert.equal((await portal.request(DESK_ROUTES.ratings)).status, 401);
  });
});
