import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskTicketDetails, DeskTicketPage } from '../../contract/desk-types.ts';
import type { WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketCounts, TicketDetails, TicketPage } from '../../contract/types.ts';
import { webhookDeliveries } from '../../edge/db/schema.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PDF, PNG } from '../support/files.ts';
import { startOrganization, type Organization } from '../support/organization.ts';
import { DeskClient, startDesk } from '../desk/support.ts';

const HOUR = 3_600_000;

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
let login: [email: string, password: string];
before(async () => {
  ({ portal, desk } = await startDesk({ FIRST_RESPONSE_HOURS: 'high=4' }));
  const created = await portal.createCustomer({ name: 'Pau Serra' });
  login = [created.email, created.password];
  customer = await logIn(portal, ...login);
});
after(() => portal.close());

const comment = (number: number, text: string, awaitingCustomer?: boolean) =>
  desk.send('POST', apiPath(DESK_ROUTES.comments, { number }), {
    text,
    ...(awaitingCustomer !== undefined && { awaitingCustomer }),
  });
const setStatus = (number: number, status: string) =>
  desk.send('POST', apiPath(DESK_ROUTES.status, { number }), { status });
const deskView = (number: number) =>
  desk.json<DeskTicketDetails>('GET', apiPath(DESK_ROUTES.ticket, { number }));
const view = async (session: CustomerSession, number: number) =>
  (await (await session.ticket(number)).json()) as TicketDetails;
const openList = async (session: CustomerSession, query = '') =>
  (await (await session.request(`${ROUTES.tickets}?state=open${query}`)).json()) as TicketPage;
const counts = async (session: CustomerSession) =>
  (await (await session.request(ROUTES.ticketCounts)).json()) as TicketCounts;

function reply(
  session: CustomerSession,
  number: number,
  text?: string,
  file?: { name: string; bytes: Uint8Array<ArrayBuffer> },
) {
  const form = new FormData();
  if (text !== undefined) form.set('text', text);
  if (file) form.set('file', new File([file.bytes], file.name));
  return session.request(apiPath(ROUTES.replies, { number }), { method: 'POST', body: form });
}

describe('the thread', () => {
  test('description with its file first, then messages of both sides and status lines, oldest first', async () => {
    const created = await customer.createTicket(
      { description: 'VPN drops every few minutes\nSince Monday, on every laptop.' },
      { name: 'screen.png', bytes: PNG },
    );
    const { number } = (await created.json()) as TicketDetails;
    portal.clock.advance(60_000);
    assert.equal((await setStatus(number, 'in_progress')).status, 200);
    assert.equal((await comment(number, 'Which client version?')).status, 200);
    portal.clock.advance(60_000);
    assert.equal(
      (await reply(customer, number, 'Version 5.2', { name: 'log.pdf', bytes: PDF })).status,
      201,
    );
    assert.equal(
      (await reply(customer, number, undefined, { name: 'more.png', bytes: PNG })).status,
      201,
    );

    const details = await view(customer, number);
    assert.deepEqual(
      details.thread.map((item) =>
        item.type === 'message'
          ? [item.kind, item.side, item.author, item.text, item.file?.name ?? null]
          : ['status', item.side, item.status],
      ),
      [
        [
          'description',
          'customer',
          'Pau Serra',
          // A form's text fields end lines with CRLF, as browsers send them.
          'VPN drops every few minutes\r\nSince Monday, on every laptop.',
          'screen.png',
        ],
        ['status', 'desk', 'in_progress'],
        ['comment', 'desk', null, 'Which client version?', null],
        ['addition', 'customer', 'Pau Serra', 'Version 5.2', 'log.pdf'],
        ['file', 'customer', 'Pau Serra', null, 'more.png'],
      ],
    );
    const first = details.thread[0]!;
    assert.equal(first.at, details.createdAt);
    assert.equal(first.type === 'message' && first.file?.previewable, true);
    const addition = details.thread[3]!;
    assert.equal(addition.type === 'message' && addition.file?.previewable, false);
    // The desk reads the same thread; the description itself is never rewritten.
    assert.deepEqual((await deskView(number)).thread, details.thread);
    assert.equal(
      details.description,
      'VPN drops every few minutes\r\nSince Monday, on every laptop.',
    );
    assert.equal(details.title, 'VPN drops every few minutes');
  });

  test('the solution and its rejection with a reason read as messages and status lines', async () => {
    const { number } = await customer.newTicket();
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Restart it.' });
    await customer.json(apiPath(ROUTES.reject, { number }), 'POST', { reason: 'Did not help.' });
    const details = await view(customer, number);
    assert.deepEqual(
      details.thread
        .slice(1)
        .map((item) =>
          item.type === 'message' ? [item.kind, item.side, item.text] : ['status', item.status],
        ),
      [
        ['solution', 'desk', 'Restart it.'],
        ['status', 'resolved'],
        ['rejection', 'customer', 'Did not help.'],
        ['status', 'in_progress'],
      ],
    );
  });
});

describe('a reply: text, one file, or both, in one request', () => {
  test('neither is refused and changes nothing; a closed ticket is wrong_state; the file is checked', async () => {
    const { number } = await customer.newTicket();
    const before = await deskView(number);
    const empty = await reply(customer, number, '   ');
    assert.equal(empty.status, 400);
    assert.deepEqual((await empty.json()).error.fields, { text: 'required' });
    const html = await reply(customer, number, 'see file', {
      name: 'x.png',
      bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>'),
    });
    assert.equal(html.status, 415);
    assert.equal((await html.json()).error.code, 'unsupported_file_type');
    const unknown = new FormData();
    unknown.set('status', 'closed');
    const extra = await customer.request(apiPath(ROUTES.replies, { number }), {
      method: 'POST',
      body: unknown,
    });
    assert.equal(extra.status, 400);
    assert.equal((await deskView(number)).timeline.length, before.timeline.length);

    await setStatus(number, 'closed');
    assert.equal((await reply(customer, number, 'hello')).status, 409);
  });

  test('another customer’s ticket is not found; a manager may not reply', async () => {
    const org: Organization = await startOrganization(portal);
    const { number } = await org.requester.session.newTicket();
    assert.equal((await reply(customer, number, 'hi')).status, 404);
    const manager = await reply(org.manager.session, number, 'hi');
    assert.equal(manager.status, 403);
  });
});

describe('waiting_for_customer', () => {
  test('a comment awaiting the customer, from new: their reply moves it back and tells the desk', async () => {
    const { number } = await customer.newTicket();
    const hooks = await desk.json<{ id: string }>(
      'POST',
      DESK_ROUTES.webhooks,
      { url: 'https://hooks.example.com/portal', events: ['ticket.customer_replied'] },
      201,
    );
    const asked = await comment(number, 'Which office are you in?', true);
    assert.equal(asked.status, 200);
    assert.equal(((await asked.json()) as DeskTicketDetails).status, 'waiting_for_customer');
    // Asked again while waiting: still waiting, no second status line.
    assert.equal((await comment(number, 'And which floor?', true)).status, 200);

    const listed = await openList(customer, '&status=waiting_for_customer');
    assert.deepEqual(
      listed.items.map((item) => [item.number, item.status]),
      [[number, 'waiting_for_customer']],
    );
    assert.equal((await counts(customer)).waitingForCustomer, 1);

    const answered = await customer.json(apiPath(ROUTES.information, { number }), 'POST', {
      text: 'Zaragoza, second floor',
    });
    assert.equal(answered.status, 200);
    const details = (await answered.json()) as TicketDetails;
    assert.equal(details.status, 'in_progress');
    assert.deepEqual(
      details.thread.slice(1).map((item) => (item.type === 'status' ? item.status : item.kind)),
      ['comment', 'waiting_for_customer', 'comment', 'addition', 'in_progress'],
    );
    assert.equal((await counts(customer)).waitingForCustomer, 0);

    const [delivery] = await portal.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, hooks.id));
    assert.equal(delivery?.eventType, 'ticket.customer_replied');
    const payload = JSON.parse(delivery!.payload) as WebhookPayload;
    assert.equal(payload.data.ticket.status, 'in_progress');
    assert.equal(payload.data.ticket.title, 'The ERP shows error 4012.');
    assert.equal(payload.data.event.actor.name, 'Pau Serra');
    await desk.send('DELETE', apiPath(DESK_ROUTES.webhook, { id: hooks.id }));
  });

  test('the status route sets it from in_progress; a file alone also answers', async () => {
    const { number } = await customer.newTicket();
    assert.equal((await setStatus(number, 'in_progress')).status, 200);
    assert.equal((await setStatus(number, 'waiting_for_customer')).status, 200);
    const answered = await reply(customer, number, undefined, { name: 'a.png', bytes: PNG });
    assert.equal(((await answered.json()) as TicketDetails).status, 'in_progress');
    // And the desk may take it back itself.
    assert.equal((await setStatus(number, 'waiting_for_customer')).status, 200);
    assert.equal((await setStatus(number, 'in_progress')).status, 200);
  });

  test('from resolved or closed it is 409 wrong_state and nothing is written', async () => {
    const resolved = await customer.newTicket();
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number: resolved.number }), {
      solution: 'Done.',
    });
    const closed = await customer.newTicket();
    await setStatus(closed.number, 'closed');
    for (const number of [resolved.number, closed.number]) {
      const before = await deskView(number);
      for (const response of [
        await setStatus(number, 'waiting_for_customer'),
        await comment(number, 'Question?', true),
      ]) {
        assert.equal(response.status, 409);
        assert.equal((await response.json()).error.code, 'wrong_state');
      }
      const after = await deskView(number);
      assert.deepEqual(
        [after.status, after.timeline.length],
        [before.status, before.timeline.length],
      );
    }
  });

  test('a solution proposed while waiting still ages into auto-acceptance', async () => {
    const { number } = await customer.newTicket();
    await comment(number, 'Can you try again?', true);
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Fixed.' });
    portal.clock.advance(8 * 24 * HOUR);
    await runScheduledJob(portal.ports);
    assert.equal((await deskView(number)).status, 'closed');
    // The clock moved past the access token's life.
    customer = await logIn(portal, ...login);
  });
});

describe('new replies, per reader', () => {
  test('requester, colleague in copy and manager each have their own marker', async () => {
    const org = await startOrganization(portal);
    const created = await org.requester.session.createTicket({ colleagues: org.colleague.id });
    const { number } = (await created.json()) as TicketDetails;
    const readers = [org.requester, org.colleague, org.manager];
    const marked = async (session: CustomerSession, scope = 'mine') =>
      (await openList(session, `&scope=${scope}`)).items.find((item) => item.number === number)
        ?.newReply;

    assert.equal(await marked(org.requester.session), false);
    await comment(number, 'We are on it.');
    assert.equal(await marked(org.requester.session), true);
    assert.equal(await marked(org.colleague.session), true);
    assert.equal(await marked(org.manager.session, 'organization'), true);
    assert.equal((await counts(org.requester.session)).newReplies, 1);
    assert.equal((await counts(org.colleague.session)).newReplies, 1);
    const onlyNew = await openList(org.requester.session, '&newReply=true');
    assert.deepEqual(
      onlyNew.items.map((item) => item.number),
      [number],
    );

    // The requester opens it: only their marker moves.
    assert.equal((await view(org.requester.session, number)).newReply, false);
    assert.equal(await marked(org.requester.session), false);
    assert.equal((await counts(org.requester.session)).newReplies, 0);
    assert.equal((await openList(org.requester.session, '&newReply=true')).items.length, 0);
    assert.equal(await marked(org.colleague.session), true);
    assert.equal(await marked(org.manager.session, 'organization'), true);

    // The customers' own messages are no new reply; the desk's next one is.
    await org.colleague.session.json(apiPath(ROUTES.information, { number }), 'POST', {
      text: 'Same here.',
    });
    assert.equal(await marked(org.requester.session), false);
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Fixed.' });
    assert.equal(await marked(org.requester.session), true);
    for (const reader of readers) await view(reader.session, number);
    assert.equal(await marked(org.requester.session), false);
    assert.equal(await marked(org.colleague.session), false);
    assert.equal(await marked(org.manager.session, 'organization'), false);
  });
});

describe('expected first response', () => {
  test('due after the configured hours per urgency; answered by the first comment; overdue filter', async () => {
    const start = portal.clock.now();
    const high = await customer.newTicket({ urgency: 'high' });
    const low = await customer.newTicket({ urgency: 'low' });
    assert.equal(high.firstResponseDueAt, new Date(start.getTime() + 4 * HOUR).toISOString());
    assert.equal(low.firstResponseDueAt, new Date(start.getTime() + 72 * HOUR).toISOString());
    assert.equal(high.firstRespondedAt, null);

    const overdue = async () =>
      (
        await desk.json<DeskTicketPage>('GET', `${DESK_ROUTES.tickets}?overdue=true&limit=100`)
      ).items.map((item) => item.number);
    assert.ok(!(await overdue()).includes(high.number));
    portal.clock.advance(5 * HOUR);
    assert.ok((await overdue()).includes(high.number));
    assert.ok(!(await overdue()).includes(low.number));

    await comment(high.number, 'Looking into it.');
    const answeredAt = portal.clock.now().toISOString();
    portal.clock.advance(HOUR);
    await comment(high.number, 'Still looking.');
    const desked = await deskView(high.number);
    assert.deepEqual(
      [desked.firstResponseDueAt, desked.firstRespondedAt],
      [new Date(start.getTime() + 4 * HOUR).toISOString(), answeredAt],
    );
    assert.ok(!(await overdue()).includes(high.number));
    const notOverdue = await desk.json<DeskTicketPage>(
      'GET',
      `${DESK_ROUTES.tickets}?overdue=false&limit=100`,
    );
    assert.ok(notOverdue.items.some((item) => item.number === high.number));
    assert.equal((await desk.send('GET', `${DESK_ROUTES.tickets}?overdue=yes`)).status, 400);
  });
});
