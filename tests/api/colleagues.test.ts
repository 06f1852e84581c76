/**
 * Colleagues in copy and organization lists: whom a customer can put in copy, doing it at
 * creation and later (timeline, no repeats, refusals that reveal nothing and change nothing),
 * the lists by scope with roles and requester names, keyset-paged, and the e-mails colleagues
 * receive.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { Colleague, TicketDetails, TicketPage, TicketSummary } from '../../contract/types.ts';
import { customers, mailOutbox, ticketColleagues } from '../../edge/db/schema.ts';
import { deactivateDeskCustomer } from '../../edge/domain/desk-customers.ts';
import { DeskClient, startDesk } from '../desk/support.ts';
import { fingerprint } from '../security/support.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { startOrganization, ticketInCopy, type Organization } from '../support/organization.ts';

let portal: TestPortal;
let desk: DeskClient;
let org: Organization;
before(async () => {
  ({ portal, desk } = await startDesk({ PORTAL_URL: 'https://shop.example.com/help' }));
  org = await startOrganization(portal);
});
after(() => portal.close());

const addColleagues = (as: CustomerSession, number: number, add: string[]) =>
  as.json(apiPath(ROUTES.ticketColleagues, { number }), 'POST', { add });

describe('GET /api/me/colleagues', () => {
  test('the active customers of my organization, without me', async () => {
    const retired = await portal.createCustomer({ organization: org.name, name: 'Retired' });
    await deactivateDeskCustomer(portal.db, retired.id, portal.clock.now());
    const response = await org.requester.session.request(ROUTES.colleagues);
    assert.equal(response.status, 200);
    const colleagues = (await response.json()) as Colleague[];
    assert.deepEqual(
      colleagues.map((colleague) => colleague.id).sort(),
      [org.colleague.id, org.manager.id, org.neighbour.id].sort(),
    );
    assert.deepEqual(Object.keys(colleagues[0]!).sort(), ['email', 'id', 'name']);
  });

  test('empty without an organization', async () => {
    const loner = await portal.createCustomer({ organization: '' });
    const session = await logIn(portal, loner.email, loner.password);
    assert.deepEqual(await (await session.request(ROUTES.colleagues)).json(), []);
  });

  test('needs a session', async () => {
    assert.equal((await portal.request(ROUTES.colleagues)).status, 401);
  });
});

describe('colleagues in copy', () => {
  test('at creation: in copy, on the timeline, and they see it with their role', async () => {
    const ticket = await ticketInCopy(org);
    assert.deepEqual(ticket.colleagues, [
      { id: org.colleague.id, name: org.colleague.name, email: org.colleague.email },
    ]);
    assert.equal(ticket.role, 'requester');
    const added = ticket.timeline.filter((event) => event.kind === 'colleague_added');
    assert.deepEqual(
      added.map((event) => [event.text, event.actor.name]),
      [[org.colleague.name, org.requester.name]],
    );
    const seen = (await (
      await org.colleague.session.ticket(ticket.number)
    ).json()) as TicketDetails;
    assert.equal(seen.role, 'colleague');
    assert.equal(seen.requester.name, org.requester.name);
  });

  test('a colleague adds information under their own name', async () => {
    const ticket = await ticketInCopy(org);
    const response = await org.colleague.session.json(
      apiPath(ROUTES.information, { number: ticket.number }),
      'POST',
      { text: 'It also fails on my computer.' },
    );
    assert.equal(response.status, 200);
    const details = (await response.json()) as TicketDetails;
    assert.deepEqual(details.additions.at(-1), {
      text: 'It also fails on my computer.',
      at: details.additions.at(-1)!.at,
      author: org.colleague.name,
    });
  });

  test('later, by a colleague: once per person, with a webhook for the desk', async () => {
    await desk.json(
      'POST',
      DESK_ROUTES.webhooks,
      { url: 'https://desk.example.com/hooks', events: ['ticket.colleague_added'] },
      201,
    );
    const ticket = await ticketInCopy(org);
    const response = await addColleagues(org.colleague.session, ticket.number, [
      org.neighbour.id,
      org.neighbour.id,
    ]);
    assert.equal(response.status, 200);
    const details = (await response.json()) as TicketDetails;
    assert.deepEqual(
      details.colleagues.map((c) => c.id).sort(),
      [org.colleague.id, org.neighbour.id].sort(),
    );
    assert.equal(details.role, 'colleague');
    // Again: already in copy, nothing more is written.
    const again = await addColleagues(org.requester.session, ticket.number, [org.neighbour.id]);
    assert.equal(again.status, 200);
    const after = (await again.json()) as TicketDetails;
    const added = after.timeline.filter((event) => event.kind === 'colleague_added');
    assert.deepEqual(
      added.map((event) => [event.text, event.actor.name]),
      [
        [org.colleague.name, org.requester.name],
        [org.neighbour.name, org.colleague.name],
      ],
    );
    const hooks = await portal.client.execute({
      sql: "select payload from webhook_deliveries where event_type = 'ticket.colleague_added' and ticket_id = (select id from tickets where number = ?)",
      args: [ticket.number],
    });
    const payloads = hooks.rows.map((row) => JSON.parse(String(row.payload)));
    assert.deepEqual(
      payloads.map((p) => [p.data.event.text, p.data.ticket.number, p.data.ticket.customer.id]),
      [
        [org.colleague.name, ticket.number, org.requester.id],
        [org.neighbour.name, ticket.number, org.requester.id],
      ],
    );
    // The neighbour now sees it.
    assert.equal((await org.neighbour.session.ticket(ticket.number)).status, 200);
  });

  test('only active customers of the organization, other than the requester; the refusal reveals nothing', async () => {
    const ticket = await ticketInCopy(org);
    const retired = await portal.createCustomer({ organization: org.name });
    await deactivateDeskCustomer(portal.db, retired.id, portal.clock.now());
    const before = await fingerprint(portal.client);
    const bodies = [];
    for (const id of [org.outsider.id, retired.id, org.requester.id, 'no-such-customer']) {
      const response = await addColleagues(org.requester.session, ticket.number, [
        org.neighbour.id,
        id,
      ]);
      assert.equal(response.status, 400, id);
      bodies.push(await response.json());
    }
    for (const body of bodies) assert.deepEqual(body, bodies[0]);
    assert.deepEqual(bodies[0].error.fields, { add: 'not_allowed' });
    const created = await org.requester.session.createTicket({
      colleagues: `${org.colleague.id},${org.outsider.id}`,
    });
    assert.equal(created.status, 400);
    assert.deepEqual((await created.json()).error.fields, { colleagues: 'not_allowed' });
    assert.deepEqual(await fingerprint(portal.client), before);
  });

  test('not on a closed ticket; a malformed body is refused', async () => {
    const ticket = await ticketInCopy(org);
    await desk.json('POST', apiPath(DESK_ROUTES.status, { number: ticket.number }), {
      status: 'closed',
    });
    const closed = await addColleagues(org.requester.session, ticket.number, [org.neighbour.id]);
    assert.equal(closed.status, 409);
    assert.equal((await closed.json()).error.code, 'wrong_state');
    for (const body of [{}, { add: 'x' }, { add: [org.neighbour.id], remove: [] }]) {
      const response = await org.requester.session.json(
        apiPath(ROUTES.ticketColleagues, { number: ticket.number }),
        'POST',
        body,
      );
      assert.equal(response.status, 400, JSON.stringify(body));
    }
  });

  test('a colleague who leaves the organization no longer sees the ticket', async () => {
    const mover = await portal.createCustomer({ organization: org.name });
    const session = await logIn(portal, mover.email, mover.password);
    const ticket = await org.requester.session.newTicket({ colleagues: mover.id });
    assert.equal((await session.ticket(ticket.number)).status, 200);
    await desk.json('PATCH', apiPath(DESK_ROUTES.customer, { id: mover.id }), {
      organization: 'Elsewhere',
    });
    assert.equal((await session.ticket(ticket.number)).status, 404);
    const page = (await (await session.request(ROUTES.tickets)).json()) as TicketPage;
    assert.deepEqual(page.items, []);
  });
});

describe('lists', () => {
  let listOrg: Organization;
  before(async () => {
    listOrg = await startOrganization(portal);
  });

  async function allPages(session: CustomerSession, query: string): Promise<TicketSummary[]> {
    const items: TicketSummary[] = [];
    let cursor: string | null = null;
    do {
      const response = await session.request(
        `${ROUTES.tickets}?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(response.status, 200);
      const page = (await response.json()) as TicketPage;
      assert.ok(page.items.length <= 2);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  test('mine: requested and in copy, newest first, paged without gaps or repeats; organization: all of it', async () => {
    const { requester, colleague, neighbour } = listOrg;
    const made: { number: number; by: string }[] = [];
    for (const [by, copy] of [
      [requester, colleague],
      [colleague, null],
      [neighbour, null],
      [requester, null],
      [neighbour, colleague],
      [colleague, requester],
    ] as const) {
      const ticket = await by.session.newTicket(copy ? { colleagues: copy.id } : {});
      made.push({ number: ticket.number, by: by.name });
    }
    const mine = await allPages(colleague.session, 'state=open&scope=mine');
    assert.deepEqual(
      mine.map((item) => [item.number, item.role, item.requester.name]),
      [
        [made[5]!.number, 'requester', colleague.name],
        [made[4]!.number, 'colleague', neighbour.name],
        [made[1]!.number, 'requester', colleague.name],
        [made[0]!.number, 'colleague', requester.name],
      ],
    );
    const all = await allPages(listOrg.manager.session, 'state=open&scope=organization');
    assert.deepEqual(
      all.map((item) => [item.number, item.role, item.requester.name]),
      [...made].reverse().map((ticket) => [ticket.number, 'manager', ticket.by]),
    );
    assert.deepEqual(
      await allPages(listOrg.manager.session, 'state=closed&scope=organization'),
      [],
    );
    // The default scope is mine.
    const plain = (await (await colleague.session.request(ROUTES.tickets)).json()) as TicketPage;
    assert.deepEqual(
      plain.items.map((item) => item.number),
      mine.map((item) => item.number),
    );
  });

  test('a manager who is the requester acts as requester on their own tickets', async () => {
    const own = await listOrg.manager.session.newTicket();
    const all = await allPages(listOrg.manager.session, 'state=open&scope=organization');
    assert.equal(all.find((item) => item.number === own.number)?.role, 'requester');
    assert.equal(own.role, 'requester');
  });
});

describe('notifications', () => {
  test('colleagues in copy receive the e-mails too, in their language, unless they turned them off', async () => {
    const mailOrg = await startOrganization(portal);
    await portal.db
      .update(customers)
      .set({ language: 'en' })
      .where(eq(customers.id, mailOrg.colleague.id));
    const quiet = await portal.createCustomer({ organization: mailOrg.name });
    await logIn(portal, quiet.email, quiet.password).then((session) =>
      session.json(ROUTES.me, 'PATCH', { notifications: false }),
    );
    const ticket = await mailOrg.requester.session.newTicket({
      colleagues: `${mailOrg.colleague.id},${quiet.id}`,
    });
    const copies = await portal.db.select().from(ticketColleagues);
    assert.ok(copies.some((row) => row.customerId === quiet.id));
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number: ticket.number }), {
      solution: 'Restart the service.',
    });
    const mails = await portal.db.select().from(mailOutbox);
    const to = (email: string) => mails.filter((mail) => mail.to === email);
    // The acknowledgement of the new ticket, then the solution.
    assert.equal(to(mailOrg.requester.email).length, 2);
    assert.equal(to(mailOrg.colleague.email).length, 2);
    assert.equal(to(quiet.email.toLowerCase()).length, 0);
    assert.equal(to(mailOrg.manager.email).length, 0);
    const english = to(mailOrg.colleague.email).at(-1)!;
    const spanish = to(mailOrg.requester.email).at(-1)!;
    assert.notEqual(english.subject, spanish.subject);
    assert.match(english.text, new RegExp(mailOrg.colleague.name));
    assert.match(english.text, new RegExp(`#sp/ticket/${ticket.number}`));
  });
});
