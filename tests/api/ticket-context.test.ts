/**
 * The host page's context on a new ticket (`context` on `<support-portal>`): stored with the
 * ticket and shown to the desk; anything that is not a small flat JSON object is refused with
 * `validation_failed` on `context` and creates nothing.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskTicketDetails } from '../../contract/desk-types.ts';
import { apiPath } from '../../contract/routes.ts';
import { tickets } from '../../edge/db/schema.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { DeskClient, startDesk } from '../desk/support.ts';

let portal: TestPortal;
let desk: DeskClient;
let session: CustomerSession;
before(async () => {
  ({ portal, desk } = await startDesk());
});
beforeEach(async () => {
  const { email, password } = await portal.createCustomer({ name: 'Marta Vidal' });
  session = await logIn(portal, email, password);
});
after(() => portal.close());

const deskTicket = (number: number) =>
  desk.json<DeskTicketDetails>('GET', apiPath(DESK_ROUTES.ticket, { number }));
const ticketCount = async () => (await portal.db.select({ n: count() }).from(tickets))[0]!.n;

describe('a new ticket with the host page context', () => {
  test('is stored and shown to the desk as sent', async () => {
    const context = {
      plan: 'enterprise',
      page: 'https://intranet.example/billing',
      seats: 40,
      trial: false,
      ref: null,
    };
    const created = await session.newTicket({ context: JSON.stringify(context) });
    assert.deepEqual((await deskTicket(created.number)).context, context);
  });

  test('without one, the desk sees null; the customer never sees it', async () => {
    const created = await session.newTicket();
    assert.equal((await deskTicket(created.number)).context, null);
    const withContext = await session.newTicket({ context: '{"plan":"pro"}' });
    assert.ok(!('context' in withContext));
  });

  const refusals: [string, string, string][] = [
    ['not JSON', '{plan: pro}', 'invalid'],
    ['an array', '["pro"]', 'invalid'],
    ['a string', '"pro"', 'invalid'],
    ['a nested object', '{"plan":{"name":"pro"}}', 'invalid'],
    ['an empty key', '{"":"x"}', 'invalid'],
    [
      'too many keys',
      JSON.stringify(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]))),
      'invalid',
    ],
    ['a value too long', JSON.stringify({ note: 'x'.repeat(501) }), 'invalid'],
    ['over the size as text', JSON.stringify({ a: 'x'.repeat(3000) }), 'too_long'],
    [
      'over the size in UTF-8 bytes',
      JSON.stringify(
        Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'é'.repeat(250)])),
      ),
      'too_long',
    ],
  ];
  for (const [what, raw, code] of refusals) {
    test(`${what} is refused and creates nothing`, async () => {
      assert.ok(raw.length <= 3100);
      const before = await ticketCount();
      const response = await session.createTicket({ context: raw });
      assert.equal(response.status, 400);
      const { error } = await response.json();
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.fields, { context: code });
      assert.equal(await ticketCount(), before);
    });
  }
});
