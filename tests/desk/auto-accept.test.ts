import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { WebhookPayload } from '../../contract/desk-webhooks.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { DeskClient, Receiver, startDesk } from './support.ts';

const DAY = 86_400_000;

let portal: TestPortal;
let desk: DeskClient;
let login: { email: string; password: string };
let hooks: Receiver;
before(async () => {
  ({ portal, desk } = await startDesk({ AUTO_ACCEPT_DAYS: '7' }));
  login = await portal.createCustomer({ name: 'Joan Mas' });
  hooks = await Receiver.reserve();
  await hooks.up();
  await desk.json(
    'POST',
    DESK_ROUTES.webhooks,
    { url: hooks.url, events: ['ticket.solution_auto_accepted'] },
    201,
  );
  // The demo's own resolved ticket (1002) ages out in these tests too: settle it first.
  portal.clock.advance(30 * DAY);
  await runScheduledJob(portal.ports);
  hooks.received.length = 0;
});
after(async () => {
  await hooks.down();
  portal.close();
});

/** Access tokens expire while the clock moves days ahead: each step logs in afresh. */
const customer = {
  session: (): Promise<CustomerSession> => logIn(portal, login.email, login.password),
  async newTicket() {
    return (await this.session()).newTicket();
  },
  async ticket(number: number) {
    return (await this.session()).ticket(number);
  },
  async json(path: string, method: string, body: unknown) {
    return (await this.session()).json(path, method, body);
  },
};

async function resolvedTicket(): Promise<number> {
  const { number } = await customer.newTicket();
  await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Restarted.' });
  return number;
}
const view = async (number: number) =>
  (await (await customer.ticket(number)).json()) as TicketDetails;

describe('solution auto-accept', () => {
  test('an unanswered solution is accepted after AUTO_ACCEPT_DAYS, and the desk hears of it', async () => {
    const number = await resolvedTicket();
    portal.clock.advance(7 * DAY - 60_000);
    assert.equal((await runScheduledJob(portal.ports)).autoAccepted, 0);
    assert.equal((await view(number)).status, 'resolved');

    portal.clock.advance(60_000);
    const report = await runScheduledJob(portal.ports);
    assert.equal(report.autoAccepted, 1);
    assert.equal(report.delivered, 1);
    const details = await view(number);
    assert.equal(details.status, 'closed');
    assert.equal(details.closedAt, portal.clock.now().toISOString());
    const last = details.timeline.at(-1)!;
    assert.deepEqual(
      [last.kind, last.actor.type, last.status],
      ['solution_auto_accepted', 'system', 'closed'],
    );
    assert.equal(details.solution, 'Restarted.');

    assert.equal(hooks.received.length, 1);
    const payload = JSON.parse(hooks.received[0]!.body) as WebhookPayload;
    assert.equal(payload.type, 'ticket.solution_auto_accepted');
    assert.equal(payload.data.ticket.number, number);
    assert.equal(payload.data.ticket.status, 'closed');
    assert.equal(payload.id, last.id);

    portal.clock.advance(30 * DAY);
    assert.equal((await runScheduledJob(portal.ports)).autoAccepted, 0, 'only once');
    assert.equal(hooks.received.length, 1);
  });

  test('a solution the customer answered is left alone', async () => {
    const rejected = await resolvedTicket();
    await customer.json(apiPath(ROUTES.reject, { number: rejected }), 'POST', { reason: 'No' });
    const accepted = await resolvedTicket();
    await customer.json(apiPath(ROUTES.accept, { number: accepted }), 'POST', {});
    portal.clock.advance(8 * DAY);
    assert.equal((await runScheduledJob(portal.ports)).autoAccepted, 0);
    assert.equal((await view(rejected)).status, 'in_progress');
    const timeline = (await view(accepted)).timeline.map((event) => event.kind);
    assert.equal(timeline.at(-1), 'solution_accepted');
  });

  test('a solution proposed again starts its own wait', async () => {
    const number = await resolvedTicket();
    portal.clock.advance(5 * DAY);
    await customer.json(apiPath(ROUTES.reject, { number }), 'POST', { reason: 'No' });
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Again' });
    portal.clock.advance(3 * DAY);
    assert.equal((await runScheduledJob(portal.ports)).autoAccepted, 0);
    portal.clock.advance(4 * DAY);
    assert.equal((await runScheduledJob(portal.ports)).autoAccepted, 1);
    assert.equal((await view(number)).status, 'closed');
  });
});
