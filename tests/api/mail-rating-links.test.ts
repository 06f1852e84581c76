import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { Language } from '../../contract/domain.ts';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { RatingLinkTicket, TicketDetails } from '../../contract/types.ts';
import { mailOutbox, ticketRatings, tickets } from '../../edge/db/schema.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import type { TestPortal } from '../support/app.ts';
import { logIn } from '../support/customer.ts';
import { DeskClient, startDesk } from '../desk/support.ts';

const DAY = 86_400_000;
const PORTAL_URL = 'https://shop.example.com/support/?from=mail#top';
const RATE_LINK =
  /https:\/\/shop\.example\.com\/support\/\?from=mail#sp\/rate\/([\w-]+\.[\w-]+\.[\w-]+)\/(\d)/g;

let portal: TestPortal;
let desk: DeskClient;
before(async () => {
  ({ portal, desk } = await startDesk({ PORTAL_URL, AUTO_ACCEPT_DAYS: '7' }));
  // The demo's own resolved ticket ages out in these tests too: settle it first.
  portal.clock.advance(30 * DAY);
  await runScheduledJob(portal.ports);
});
after(() => portal.close());

async function customerIn(language: Language) {
  const login = await portal.createCustomer({ language });
  const session = await logIn(portal, login.email, login.password);
  return { login, session };
}

async function lastMailTo(email: string) {
  const [mail] = await portal.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail!;
}

/** The rating links of an e-mail's text: [token, score] for each. */
function ratingLinksIn(text: string): [string, number][] {
  return [...text.matchAll(RATE_LINK)].map((match) => [match[1]!, Number(match[2])]);
}

const close = (number: number) =>
  desk.json('POST', apiPath(DESK_ROUTES.status, { number }), { status: 'closed' });

const readLink = (token: string) => portal.request(apiPath(ROUTES.ratingLink, { token }));
const rateLink = (token: string, body: unknown) =>
  portal.request(apiPath(ROUTES.ratingLink, { token }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function assertInvalid(response: Response) {
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.code, 'invalid_link');
}

/** A customer's ticket closed by the desk, and the one token of its e-mail's rating links. */
async function closedByDesk(language: Language = 'ca') {
  const customer = await customerIn(language);
  const { number } = await customer.session.newTicket({ category: 'infra.network.vpn' });
  await close(number);
  const mail = await lastMailTo(customer.login.email);
  const links = ratingLinksIn(mail.text);
  return { ...customer, number, mail, links, token: links[0]![0] };
}

describe('one-click rating links in the closing e-mails', () => {
  test('a desk close mails five links, 1 to 5, with one token, in the text and the HTML', async () => {
    const { mail, links, token } = await closedByDesk('ca');
    assert.deepEqual(
      links.map(([, score]) => score),
      [1, 2, 3, 4, 5],
    );
    assert.ok(links.every(([each]) => each === token));
    assert.ok(mail.text.includes('Què us ha semblat la nostra atenció?'));
    assert.ok(mail.text.includes('5 · Molt satisfet'));
    assert.equal([...mail.html.matchAll(RATE_LINK)].length, 5);
    assert.ok(mail.html.includes(`#sp/rate/${token}/3"`));
  });

  test('an auto-accepted solution mails them too; a solution or a comment does not', async () => {
    const { login, session } = await customerIn('en');
    const { number } = await session.newTicket();
    await desk.json('POST', apiPath(DESK_ROUTES.comments, { number }), { text: 'Looking.' });
    assert.deepEqual(ratingLinksIn((await lastMailTo(login.email)).text), []);
    await desk.json('POST', apiPath(DESK_ROUTES.solution, { number }), { solution: 'Reboot.' });
    assert.deepEqual(ratingLinksIn((await lastMailTo(login.email)).text), []);
    portal.clock.advance(7 * DAY);
    await runScheduledJob(portal.ports);
    const closing = await lastMailTo(login.email);
    assert.equal(closing.subject, `Your ticket ${number} was closed – The ERP shows error 4012.`);
    assert.ok(closing.text.includes('How did we do?'));
    assert.equal(ratingLinksIn(closing.text).length, 5);
  });

  test('the link names its ticket in the customer language, rates it with no login, and nothing else', async () => {
    const { session, number, token } = await closedByDesk('ca');
    const other = await session.newTicket();
    await close(other.number);

    const named = await readLink(token);
    assert.equal(named.status, 200);
    const before = (await named.json()) as RatingLinkTicket;
    assert.equal(before.number, number);
    assert.deepEqual(before.category.path, [
      'Infraestructura i núvol',
      'Xarxa i VPN',
      'No puc connectar a la VPN',
    ]);
    assert.equal(before.rating, null);

    const rated = await rateLink(token, { score: 4 });
    assert.equal(rated.status, 200);
    const after = (await rated.json()) as RatingLinkTicket;
    assert.equal(after.rating?.score, 4);
    const changed = await rateLink(token, { score: 5, comment: 'Molt ràpid.' });
    assert.equal(((await changed.json()) as RatingLinkTicket).rating?.comment, 'Molt ràpid.');

    const [row] = await portal.db
      .select({ rating: ticketRatings })
      .from(ticketRatings)
      .innerJoin(tickets, eq(tickets.id, ticketRatings.ticketId))
      .where(eq(tickets.number, number));
    assert.equal(row!.rating.source, 'email');
    assert.equal(row!.rating.score, 5);
    const mine = (await (await session.ticket(number)).json()) as TicketDetails;
    assert.equal(mine.rating?.score, 5);
    const untouched = (await (await session.ticket(other.number)).json()) as TicketDetails;
    assert.equal(untouched.rating, null, 'the other ticket is not rated');
  });

  test('tampered, re-signed, expired, and session tokens are invalid_link; a link is never a session', async () => {
    const { login, session, number, token } = await closedByDesk('es');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = signature.at(-2) === 'A' ? 'B' : 'A';
    await assertInvalid(
      await readLink(`${header}.${payload}.${signature.slice(0, -2)}${flipped}${signature.at(-1)}`),
    );

    // Another ticket's id in the payload, with the original signature.
    const other = await session.newTicket();
    await close(other.number);
    const [otherRow] = await portal.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.number, other.number));
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: otherRow!.id })).toString(
      'base64url',
    );
    await assertInvalid(await rateLink(`${header}.${forged}.${signature}`, { score: 1 }));

    // The same claims signed with TOKEN_SECRET itself, not the rating links' own key.
    const secret = new TextEncoder().encode(portal.ports.config.TOKEN_SECRET);
    const resigned = await new SignJWT({ cid: claims.cid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setIssuedAt(claims.iat)
      .setExpirationTime(claims.exp)
      .sign(secret);
    await assertInvalid(await rateLink(resigned, { score: 1 }));

    // A session's access token is not a rating link, and a rating link is not a session.
    await assertInvalid(await rateLink(session.token, { score: 1 }));
    const asSession = await portal.request(ROUTES.me, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(asSession.status, 401);
    await assertInvalid(await readLink('not-a-token'));

    // The real link still works; thirty-one days on it does not.
    assert.equal((await readLink(token)).status, 200);
    portal.clock.advance(31 * DAY);
    await assertInvalid(await rateLink(token, { score: 2 }));
    const fresh = await logIn(portal, login.email, login.password);
    for (const each of [number, other.number]) {
      const ticket = (await (await fresh.ticket(each)).json()) as TicketDetails;
      assert.equal(ticket.rating, null);
    }
  });

  test('the 24-hour window holds for links too; a deactivated customer’s link is invalid', async () => {
    const { login, token } = await closedByDesk('fr');
    assert.equal((await rateLink(token, { score: 3 })).status, 200);
    portal.clock.advance(25 * 3_600_000);
    const late = await rateLink(token, { score: 1 });
    assert.equal(late.status, 409);
    assert.equal((await late.json()).error.code, 'wrong_state');
    assert.equal(((await (await readLink(token)).json()) as RatingLinkTicket).rating?.score, 3);

    const customer = await portal.db.query.customers.findFirst({
      where: (table, { eq: equals }) => equals(table.email, login.email),
    });
    await desk.json('POST', apiPath(DESK_ROUTES.deactivate, { id: customer!.id }));
    await assertInvalid(await readLink(token));
  });

  test('bad scores are refused before anything is written', async () => {
    const { token } = await closedByDesk('it');
    const response = await rateLink(token, { score: 9 });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.fields.score, 'too_long');
    assert.equal(((await (await readLink(token)).json()) as RatingLinkTicket).rating, null);
  });
});
