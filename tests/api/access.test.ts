import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';
import { PNG } from '../support/files.ts';

let portal: TestPortal;
let owner: CustomerSession;
let stranger: CustomerSession;
let ticket: TicketDetails;
before(async () => {
  portal = await startPortal();
  const a = await portal.createCustomer();
  const b = await portal.createCustomer();
  owner = await logIn(portal, a.email, a.password);
  stranger = await logIn(portal, b.email, b.password);
  const response = await owner.createTicket({}, { name: 'private.png', bytes: PNG });
  ticket = (await response.json()) as TicketDetails;
  await proposeSolution(portal, ticket.number, 'A solution for the owner only.');
});
after(() => portal.close());

describe("another customer's ticket does not exist for you", () => {
  test('every route answers exactly as for a ticket that does not exist, and changes nothing', async () => {
    const missing = 999_999;
    const attempts = (number: number, id: string) => [
      () => stranger.request(apiPath(ROUTES.ticket, { number })),
      () => stranger.json(apiPath(ROUTES.information, { number }), 'POST', { text: 'hijack' }),
      () => stranger.request(apiPath(ROUTES.accept, { number }), { method: 'POST' }),
      () => stranger.json(apiPath(ROUTES.reject, { number }), 'POST', { reason: 'no' }),
      () => stranger.request(apiPath(ROUTES.attachment, { number, id })),
      () => {
        const form = new FormData();
        form.set('file', new File([PNG], 'x.png'));
        return stranger.request(apiPath(ROUTES.attachments, { number }), {
          method: 'POST',
          body: form,
        });
      },
    ];
    const theirs = attempts(ticket.number, ticket.attachments[0]!.id);
    const nobodys = attempts(missing, ticket.attachments[0]!.id);
    for (let i = 0; i < theirs.length; i++) {
      const [a, b] = [await theirs[i]!(), await nobodys[i]!()];
      assert.equal(a.status, 404, `attempt ${i}`);
      assert.equal(b.status, 404, `attempt ${i}`);
      assert.deepEqual(await a.json(), await b.json());
    }
    const details = (await (await owner.ticket(ticket.number)).json()) as TicketDetails;
    assert.equal(details.status, 'resolved');
    assert.deepEqual(details.additions, []);
    assert.equal(details.attachments.length, 1);
  });

  test("the stranger's lists never show it", async () => {
    for (const state of ['open', 'closed']) {
      const page = await (await stranger.request(`${ROUTES.tickets}?state=${state}`)).json();
      assert.deepEqual(page.items, []);
    }
  });

  test('odd spellings of a number are simply not found', async () => {
    for (const raw of [
      `0${ticket.number}`,
      `${ticket.number}.0`,
      `${ticket.number}%20`,
      '1e3',
      '%2e%2e',
      '-1',
      'abc',
    ]) {
      const response = await owner.request(`${ROUTES.tickets}/${raw}`);
      assert.equal(response.status, 404, raw);
    }
  });

  test("the owner's attachment id under another ticket number is not found", async () => {
    const other = await owner.newTicket();
    const response = await owner.request(
      apiPath(ROUTES.attachment, { number: other.number, id: ticket.attachments[0]!.id }),
    );
    assert.equal(response.status, 404);
  });
});
