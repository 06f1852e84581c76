/**
 * The access-control matrix: customer B against customer A's tickets on every ticket, timeline,
 * attachment and list route, by number, by id, by the next number and by encoded spellings; keys
 * of one API on the other; and fields a client must never set (mass assignment) on every writing
 * route. A refusal is a 404 with the body of a ticket that does not exist, and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { startDesk, type DeskClient } from '../desk/support.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';
import { PNG } from '../support/files.ts';
import { assertRefusal, fingerprint } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
let a: CustomerSession;
let b: CustomerSession;
let theirs: TicketDetails;
let mine: TicketDetails;
before(async () => {
  const started = await startDesk();
  portal = started.portal;
  desk = started.desk;
  const ca = await portal.createCustomer();
  const cb = await portal.createCustomer({ organization: 'Other Org' });
  a = await logIn(portal, ca.email, ca.password);
  b = await logIn(portal, cb.email, cb.password);
  theirs = (await (
    await a.createTicket({}, { name: 'secret.png', bytes: PNG })
  ).json()) as TicketDetails;
  await proposeSolution(portal, theirs.number, 'for A only');
  mine = (await (
    await b.createTicket({}, { name: 'mine.png', bytes: PNG })
  ).json()) as TicketDetails;
});
after(() => portal.close());

/** Every customer route that names a ticket, as B would call it with `number` and `id`. */
function calls(number: string, id: string) {
  const at = (pattern: string) => pattern.replace(':number', number).replace(':id', id);
  const form = () => {
    const data = new FormData();
    data.set('file', new File([PNG], 'x.png', { type: 'image/png' }));
    return data;
  };
  return [
    () => b.request(at(ROUTES.ticket)),
    () => b.json(at(ROUTES.information), 'POST', { text: 'hijack' }),
    () => b.request(at(ROUTES.attachments), { method: 'POST', body: form() }),
    () => b.request(at(ROUTES.attachment)),
    () => b.request(at(ROUTES.attachmentPreview)),
    () => b.request(at(ROUTES.replies), { method: 'POST', body: form() }),
    () => b.request(at(ROUTES.accept), { method: 'POST' }),
    () => b.json(at(ROUTES.reject), 'POST', { reason: 'no' }),
  ];
}

describe('customer B against customer A', () => {
  test("every ticket route, by A's number, encoded spellings and the next number: the body of a missing ticket", async () => {
    const before = await fingerprint(portal.client);
    const id = theirs.attachments[0]!.id;
    const missing = calls('999999', id);
    const digits = String(theirs.number);
    const spellings = [
      digits,
      [...digits].map((d) => `%3${d}`).join(''),
      `%2B${digits}`,
      `${digits}%00`,
      `${digits}%2F`,
      `..%2F${digits}`,
      `${mine.number}%2F..%2F${digits}`,
      `${digits}.`,
      ` ${digits}`,
    ];
    for (const spelling of spellings) {
      const attempts = calls(spelling, id);
      for (let i = 0; i < attempts.length; i++) {
        const [got, none] = [await attempts[i]!(), await missing[i]!()];
        assert.equal(got.status, 404, `${spelling} #${i}`);
        assert.deepEqual(await got.json(), await none.json(), `${spelling} #${i}`);
      }
    }
    // A's attachment id under B's own ticket: not found either.
    const crossed = await b.request(apiPath(ROUTES.attachment, { number: mine.number, id }));
    assert.equal(crossed.status, 404);
    assert.deepEqual(await fingerprint(portal.client), before);
  });

  test("the next ticket number A will get is not B's to read once created", async () => {
    const next = theirs.number + 2;
    const created = await (await a.createTicket()).json();
    assert.ok(created.number >= next - 1);
    const response = await b.ticket(created.number);
    assert.equal(response.status, 404);
  });

  test("B's lists, with any state and cursor, never show A's tickets", async () => {
    for (const query of [
      'state=open',
      'state=closed',
      `state=open&cursor=${theirs.number + 1}`,
      'state=open&limit=50',
    ]) {
      const page = await (await b.request(`${ROUTES.tickets}?${query}`)).json();
      const numbers = page.items.map((item: { number: number }) => item.number);
      assert.ok(!numbers.includes(theirs.number), query);
    }
  });

  test('attachment ids are random, at least 128 bits', () => {
    const id = theirs.attachments[0]!.id;
    assert.ok(id.length >= 22, id);
    assert.notEqual(id, mine.attachments[0]!.id);
  });
});

describe('keys belong to their own API', () => {
  test('an integration key is no customer session', async () => {
    for (const path of [
      ROUTES.me,
      ROUTES.tickets,
      apiPath(ROUTES.ticket, { number: theirs.number }),
    ]) {
      const response = await portal.request(path, {
        headers: { authorization: `Bearer ${desk.key}` },
      });
      const body = await assertRefusal(response, path);
      assert.equal(response.status, 401, path);
      assert.equal(body.error.code, 'unauthenticated');
    }
  });

  test('a customer token is no integration key', async () => {
    for (const path of [
      DESK_ROUTES.tickets,
      DESK_ROUTES.customers,
      DESK_ROUTES.webhooks,
      apiPath(DESK_ROUTES.ticket, { number: mine.number }),
    ]) {
      const response = await b.request(path);
      await assertRefusal(response, path);
      assert.equal(response.status, 401, path);
    }
    const before = await fingerprint(portal.client);
    const response = await b.json(apiPath(DESK_ROUTES.status, { number: mine.number }), 'POST', {
      status: 'closed',
    });
    assert.equal(response.status, 401);
    assert.deepEqual(await fingerprint(portal.client), before);
  });
});

describe('mass assignment', () => {
  const forbidden = {
    status: 'closed',
    type: 'request',
    owner: 'someone',
    number: 1,
    customerId: 'c1',
    organization: 'Other Org',
    role: 'admin',
    email: 'evil@example.com',
  };

  test('extra fields are refused on every customer write, and nothing changes', async () => {
    const before = await fingerprint(portal.client);
    for (const [field, value] of Object.entries(forbidden)) {
      const extra = { [field]: value };
      const attempts: [string, () => Response | Promise<Response>][] = [
        ['create', () => b.createTicket({ [field]: String(value) })],
        [
          'information',
          () =>
            b.json(apiPath(ROUTES.information, { number: mine.number }), 'POST', {
              text: 'more',
              ...extra,
            }),
        ],
        [
          'reject',
          () =>
            b.json(apiPath(ROUTES.reject, { number: mine.number }), 'POST', {
              reason: 'no',
              ...extra,
            }),
        ],
        ['accept', () => b.json(apiPath(ROUTES.accept, { number: mine.number }), 'POST', extra)],
        ['me', () => b.json(ROUTES.me, 'PATCH', { language: 'en', ...extra })],
      ];
      for (const [name, attempt] of attempts) {
        const response = await attempt();
        const body = await assertRefusal(response, `${name} with ${field}`);
        assert.ok(
          ['validation_failed', 'wrong_state'].includes(body.error.code),
          `${name} with ${field}: ${body.error.code}`,
        );
      }
    }
    assert.deepEqual(await fingerprint(portal.client), before);
  });

  test('extra fields are refused on the desk writes', async () => {
    const before = await fingerprint(portal.client);
    const number = mine.number;
    for (const [path, method, body] of [
      [apiPath(DESK_ROUTES.status, { number }), 'POST', { status: 'in_progress', customerId: 'x' }],
      [apiPath(DESK_ROUTES.comments, { number }), 'POST', { text: 'hi', owner: 'x' }],
      [apiPath(DESK_ROUTES.solution, { number }), 'POST', { solution: 'x', number: 1 }],
      [
        DESK_ROUTES.customers,
        'POST',
        { email: 'n@example.com', name: 'N', organization: 'O', role: 'admin' },
      ],
    ] as const) {
      const response = await desk.send(method, path, body);
      const refused = await assertRefusal(response, path);
      assert.equal(refused.error.code, 'validation_failed', path);
    }
    assert.deepEqual(await fingerprint(portal.client), before);
  });
});
