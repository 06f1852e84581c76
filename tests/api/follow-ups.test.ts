import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { WebhookSubscriptionCreated } from '../../contract/desk-types.ts';
import type { WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { tickets, webhookDeliveries } from '../../edge/db/schema.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';
import { DeskClient, startDesk } from '../desk/support.ts';

const DAY = 86_400_000;

let portal: TestPortal;
let desk: DeskClient;
let session: CustomerSession;
let credentials: { email: string; password: string };
before(async () => {
  ({ portal, desk } = await startDesk());
});
beforeEach(async () => {
  credentials = await portal.createCustomer({ name: 'Jordi Mas' });
  session = await logIn(portal, credentials.email, credentials.password);
});
after(() => portal.close());

async function closedTicket(who = session): Promise<TicketDetails> {
  const { number } = await who.newTicket({ category: 'infra.network.vpn' });
  await proposeSolution(portal, number, 'Reinstall the VPN client.');
  const accepted = await who.request(apiPath(ROUTES.accept, { number }), { method: 'POST' });
  return (await accepted.json()) as TicketDetails;
}

const details = async (number: number) =>
  (await (await session.ticket(number)).json()) as TicketDetails;

const ticketCount = async () => (await portal.db.select({ n: count() }).from(tickets))[0]!.n;

async function refused(followUpOf: string) {
  const before = await ticketCount();
  const response = await session.createTicket({ followUpOf });
  assert.equal(response.status, 400, `followUpOf ${followUpOf}`);
  const { error } = await response.json();
  assert.equal(error.code, 'validation_failed');
  assert.deepEqual(error.fields, { followUpOf: 'not_allowed' });
  assert.equal(await ticketCount(), before, 'nothing created');
}

describe('follow-ups of a closed ticket', () => {
  test('link both ways, with an event on the old ticket and the deadline in its details', async () => {
    const old = await closedTicket();
    assert.equal(old.followUpUntil, new Date(Date.parse(old.closedAt!) + 30 * DAY).toISOString());
    const created = await session.newTicket({
      category: 'infra.network.vpn',
      description: 'The VPN drops again.',
      followUpOf: String(old.number),
    });
    assert.equal(created.followUpOf, old.number);
    const reread = await details(old.number);
    assert.deepEqual(reread.followUps, [created.number]);
    assert.equal(reread.status, 'closed', 'the old ticket stays closed');
    const opened = reread.timeline.filter((event) => event.kind === 'follow_up_opened');
    assert.deepEqual(
      opened.map((event) => event.text),
      [String(created.number)],
    );
    const list = await session.request(`${ROUTES.tickets}?state=open`);
    const item = (await list.json()).items.find(
      (ticket: { number: number }) => ticket.number === created.number,
    );
    assert.equal(item.followUpOf, old.number);
  });

  test("the desk's ticket.created webhook names the ticket followed up", async () => {
    const subscription = await desk.json<WebhookSubscriptionCreated>(
      'POST',
      DESK_ROUTES.webhooks,
      { url: 'https://desk.example.com/hooks', events: ['ticket.created'] },
      201,
    );
    const old = await closedTicket();
    const created = await session.newTicket({ followUpOf: String(old.number) });
    const rows = await portal.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscription.id));
    const payloads = rows.map((row) => JSON.parse(row.payload) as WebhookPayload);
    const hook = payloads.find((payload) => payload.data.ticket.number === created.number);
    assert.equal(hook?.data.ticket.followUpOf, old.number);
    const plain = payloads.find((payload) => payload.data.ticket.number === old.number);
    assert.equal(plain?.data.ticket.followUpOf, null);
    await desk.send('DELETE', apiPath(DESK_ROUTES.webhook, { id: subscription.id }));
  });

  test('an open ticket, an unknown number and a ticket of someone else are the same not_allowed', async () => {
    const open = await session.newTicket();
    await refused(String(open.number));
    await refused('999999');
    const other = await portal.createCustomer({ organization: 'Elsewhere' });
    const theirs = await closedTicket(await logIn(portal, other.email, other.password));
    await refused(String(theirs.number));
    assert.deepEqual((await details(open.number)).followUps, []);
  });

  test('a malformed number is invalid', async () => {
    const response = await session.createTicket({ followUpOf: 'abc' });
    assert.deepEqual((await response.json()).error.fields, { followUpOf: 'invalid' });
  });

  test('after FOLLOW_UP_DAYS the window is gone: no deadline, and refused', async () => {
    const old = await closedTicket();
    portal.clock.advance(30 * DAY - 60_000);
    session = await logIn(portal, credentials.email, credentials.password);
    assert.ok((await details(old.number)).followUpUntil);
    portal.clock.advance(2 * 60_000);
    session = await logIn(portal, credentials.email, credentials.password);
    assert.equal((await details(old.number)).followUpUntil, null);
    await refused(String(old.number));
    assert.deepEqual((await details(old.number)).followUps, []);
  });
});
