import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { Language } from '../../contract/domain.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { Customer } from '../../contract/types.ts';
import { mailOutbox } from '../../edge/db/schema.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, startDesk } from '../desk/support.ts';

const DAY = 86_400_000;
/** The default test ticket's title, which every ticket e-mail's subject ends with. */
const TITLE = ' – The ERP shows error 4012.';
const PORTAL_URL = 'https://shop.example.com/support/?from=mail#top';

let portal: TestPortal;
let desk: DeskClient;
before(async () => {
  ({ portal, desk } = await startDesk({ PORTAL_URL, AUTO_ACCEPT_DAYS: '7' }));
  // The demo's own resolved ticket ages out in these tests too: settle it first.
  portal.clock.advance(30 * DAY);
  await runScheduledJob(portal.ports);
});
after(() => portal.close());

async function customerIn(language: Language, name = 'Marie Curie') {
  const login = await portal.createCustomer({ name, language });
  const session = await logIn(portal, login.email, login.password);
  return { login, session };
}

/** Every e-mail queued for this address, oldest first. */
async function mailTo(email: string) {
  const rows = await portal.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt));
  return rows.reverse();
}

const solve = (number: number) =>
  desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Vider le <cache>.' });
const comment = (number: number) =>
  desk.json('POST', apiPath(DESK_ROUTES.comments, { number }), { text: 'Nous regardons.' });
const close = (number: number) =>
  desk.json('POST', apiPath(DESK_ROUTES.status, { number }), { status: 'closed' });

/** The ticket the portal opens for this link: the page, then the portal's hash route. */
function ticketOf(link: string): number {
  const url = new URL(link);
  assert.equal(
    url.origin + url.pathname + url.search,
    'https://shop.example.com/support/?from=mail',
  );
  const match = /^#sp\/ticket\/(\d+)$/.exec(url.hash);
  assert.ok(match, link);
  return Number(match[1]);
}

function linkIn(text: string): string {
  return /https?:\/\/\S+/.exec(text)![0];
}

describe('ticket notifications', () => {
  test('a comment, a solution and a close each e-mail the customer in their language, with a link to the ticket', async () => {
    const { login, session } = await customerIn('fr');
    const { number } = await session.newTicket();
    await comment(number);
    await solve(number);
    const second = await session.newTicket();
    await close(second.number);

    const mails = await mailTo(login.email);
    assert.deepEqual(
      mails.map((mail) => mail.subject),
      [
        `Nous avons bien reçu votre demande ${number}${TITLE}`,
        `Nouveau commentaire sur votre demande ${number}${TITLE}`,
        `Solution proposée pour votre demande ${number}${TITLE}`,
        `Nous avons bien reçu votre demande ${second.number}${TITLE}`,
        `Votre demande ${second.number} a été clôturée${TITLE}`,
      ],
    );
    for (const [index, mail] of mails.entries()) {
      assert.equal(mail.status, 'queued');
      assert.ok(mail.text.startsWith('Bonjour Marie Curie,'));
      assert.equal(ticketOf(linkIn(mail.text)), index < 3 ? number : second.number);
      assert.ok(mail.html.includes(`#sp/ticket/${index < 3 ? number : second.number}"`));
    }
    assert.ok(mails[1]!.text.includes('> Nous regardons.'));
    // The desk's text is escaped in HTML.
    assert.ok(mails[2]!.html.includes('Vider le &lt;cache&gt;.'));

    // The job delivers them through the mailer.
    await runScheduledJob(portal.ports);
    const sent = portal.mailer.sent.filter((mail) => mail.to === login.email);
    assert.equal(sent.length, 5);
    assert.deepEqual(
      (await mailTo(login.email)).map((mail) => mail.status),
      ['sent', 'sent', 'sent', 'sent', 'sent'],
    );
  });

  test('an auto-accepted solution e-mails the customer', async () => {
    const { login, session } = await customerIn('it', 'Giulia Rossi');
    const { number } = await session.newTicket();
    await solve(number);
    portal.clock.advance(7 * DAY);
    // Earlier tests' solutions age out too; this customer's e-mails are what counts.
    assert.ok((await runScheduledJob(portal.ports)).autoAccepted >= 1);
    const mails = await mailTo(login.email);
    assert.equal(mails.length, 3);
    assert.equal(mails[2]!.subject, `Il Suo ticket ${number} è stato chiuso${TITLE}`);
    assert.ok(mails[2]!.text.startsWith('Gentile Giulia Rossi,'));
    assert.equal(ticketOf(linkIn(mails[2]!.text)), number);
  });

  test('a change that does not apply e-mails nothing', async () => {
    const { login, session } = await customerIn('en');
    const { number } = await session.newTicket();
    await close(number);
    // Closed: a solution is a wrong state now, and its e-mail must not go out.
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'x' }, 409);
    assert.deepEqual(
      (await mailTo(login.email)).map((mail) => mail.subject),
      [
        `We have received your ticket ${number}${TITLE}`,
        `Your ticket ${number} was closed${TITLE}`,
      ],
    );
  });

  test('turned off with PATCH /api/me: no e-mail for any action; on again: e-mails again', async () => {
    const created = await customerIn('ca');
    const { login } = created;
    let { session } = created;
    const me = async (body: unknown) => {
      const response = await session.json(ROUTES.me, 'PATCH', body);
      assert.equal(response.status, 200);
      return (await response.json()) as Customer;
    };
    assert.equal((await me({ notifications: false })).notifications, false);
    const got = (await (await session.request(ROUTES.me)).json()) as Customer;
    assert.deepEqual([got.notifications, got.language], [false, 'ca']);

    const { number } = await session.newTicket();
    await comment(number);
    await solve(number);
    portal.clock.advance(7 * DAY);
    await runScheduledJob(portal.ports);
    // The access token has expired while the clock moved a week: log in afresh.
    session = await logIn(portal, login.email, login.password);
    const other = await session.newTicket();
    await close(other.number);
    assert.deepEqual(await mailTo(login.email), []);

    const back = await me({ notifications: true, language: 'es' });
    assert.deepEqual([back.notifications, back.language], [true, 'es']);
    const third = await session.newTicket();
    await comment(third.number);
    assert.deepEqual(
      (await mailTo(login.email)).map((mail) => mail.subject),
      [
        `Hemos recibido su ticket ${third.number}${TITLE}`,
        `Nuevo comentario en su ticket ${third.number}${TITLE}`,
      ],
    );
  });

  test('PATCH /api/me refuses a notifications value that is not a boolean', async () => {
    const { session } = await customerIn('en');
    const response = await session.json(ROUTES.me, 'PATCH', { notifications: 'no' });
    assert.equal(response.status, 400);
  });
});
