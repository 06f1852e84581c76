/**
 * @module
 * The real edge API the widget tests talk to: the app on a fresh libSQL file and attachments
 * folder (tests/support/app.ts), seeded with the tests' own category tree
 * (tests/fixtures/categories.json, which tests/widget/categories.ts reads by id), served over
 * HTTP on its own port, so every request from the browser is a real cross-origin request through
 * the CORS allowlist.
 *
 * Beside the app, and only on this test server, `/test/*` lets a test play the company and the
 * service desk: create a fresh customer with tickets, move a customer to another organization,
 * propose a solution, add a public comment, close a ticket;
 * add a category; read the mail outbox; sign a partner intranet's single sign-on token.
 *
 * The portal's clock is set to the real time at start (and then stands still), so that what the
 * browser checks against its own clock (the captcha challenge's and the tokens' expiry) agrees.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { LANGUAGES } from '../../contract/domain.ts';
import { categories, customers, mailOutbox, tickets } from '../../edge/db/schema.ts';
import { applyDeskAction } from '../../edge/domain/desk-actions.ts';
import { updateDeskCustomer } from '../../edge/domain/desk-customers.ts';
import { forgetCategories } from '../../edge/domain/categories.ts';
import { readTicketContext } from '../../edge/domain/ticket-context.ts';
import { proposeSolution } from '../support/desk.ts';
import { fixtureCategories, startPortal } from '../support/app.ts';

interface NewTestCustomer {
  language?: 'es' | 'pt' | 'en' | 'fr' | 'it' | 'ca';
  /** The customer's name; a generated one when absent. */
  name?: string;
  /** The leaf category of the customer's tickets; a VPN problem when absent. */
  category?: string;
  open?: number;
  closed?: number;
  /** How many of the open tickets get a proposed solution. */
  solutions?: number;
  /** A text file attached to the newest open ticket: its name and content. */
  attachment?: { name: string; content: string };
  /** Without a password once the tickets are made: signs in only through the partner. */
  passwordless?: boolean;
}

/** The partner intranet of the single sign-on tests, for the test customers' organization. */
const PARTNER = { issuer: 'https://intranet.partner.test', audience: 'support-portal' };
const CREATOR = { issuer: 'https://creator.partner.test', audience: 'support-portal' };

export async function startTestApi(allowedOrigins: string[]) {
  const partnerKeys = await generateKeyPair('ES256');
  const partners = [
    {
      id: 'test-partner',
      ...PARTNER,
      organization: 'Example Org',
      algorithms: ['ES256'],
      publicJwk: await exportJWK(partnerKeys.publicKey),
    },
    // The same intranet under another issuer, allowed to create customers on first sign-on.
    {
      id: 'test-creator',
      ...CREATOR,
      organization: 'Example Org',
      createCustomers: true,
      algorithms: ['ES256'],
      publicJwk: await exportJWK(partnerKeys.publicKey),
    },
  ];
  const portal = await startPortal(
    {
      ALLOWED_ORIGINS: allowedOrigins.join(','),
      PARTNERS: JSON.stringify(partners),
      // The production limits per e-mail (the rate-limit test trips them), but none per address:
      // every test file logs in from this one address.
      RATE_LIMIT_PER_ADDRESS: '100000',
      RATE_LIMIT_PER_EMAIL: '10',
      LOCKOUT_FAILURES: '5',
      CONTACT_NAME: 'Nubia Sistemas',
      CONTACT_EMAIL: 'soporte@nubia.example',
      CONTACT_PHONE: '+34 910 000 120',
    },
    fixtureCategories,
  );
  portal.clock.advance(Date.now() - portal.clock.now().getTime());
  const api = (path: string, token: string, init: RequestInit = {}) =>
    portal.request(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });

  async function newTicket(
    token: string,
    description: string,
    category = 'infra.network.vpn',
  ): Promise<number> {
    const form = new FormData();
    form.set('category', category);
    form.set('urgency', 'medium');
    form.set('description', description);
    const response = await api('/api/tickets', token, { method: 'POST', body: form });
    if (response.status !== 201) throw new Error(`ticket: ${response.status}`);
    return ((await response.json()) as { number: number }).number;
  }

  const helpers = new Hono()
    .use('/test/*', cors({ origin: allowedOrigins }))
    .post('/test/customers', async (c) => {
      const input = (await c.req.json()) as NewTestCustomer;
      const customer = await portal.createCustomer({
        language: input.language ?? 'es',
        ...(input.name !== undefined && { name: input.name }),
      });
      const login = await portal.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: customer.email, password: customer.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const numbers: { open: number[]; closed: number[] } = { open: [], closed: [] };
      for (let i = 1; i <= (input.closed ?? 0); i++) {
        const number = await newTicket(token, `Closed ticket ${i}`, input.category);
        await proposeSolution(portal, number, `Solution ${i}`);
        await api(`/api/tickets/${number}/solution/accept`, token, { method: 'POST' });
        numbers.closed.push(number);
      }
      for (let i = 1; i <= (input.open ?? 0); i++) {
        const number = await newTicket(token, `Open ticket ${i}`, input.category);
        if (i <= (input.solutions ?? 0)) await proposeSolution(portal, number, `Try this ${i}`);
        numbers.open.push(number);
      }
      const newest = numbers.open.at(-1);
      if (input.attachment && newest) {
        const form = new FormData();
        form.set('file', new File([input.attachment.content], input.attachment.name));
        const uploaded = await api(`/api/tickets/${newest}/attachments`, token, {
          method: 'POST',
          body: form,
        });
        if (uploaded.status !== 201) throw new Error(`attachment: ${uploaded.status}`);
      }
      if (input.passwordless) {
        await portal.db
          .update(customers)
          .set({ passwordHash: null })
          .where(eq(customers.id, customer.id));
      }
      return c.json({
        email: customer.email,
        password: customer.password,
        name: customer.name,
        tickets: numbers,
      });
    })
    // The host page's context a ticket was stored with, as the desk sees it.
    .get('/test/tickets/:number/context', async (c) => {
      const [row] = await portal.db
        .select({ context: tickets.context })
        .from(tickets)
        .where(eq(tickets.number, Number(c.req.param('number'))));
      return c.json(row ? readTicketContext(row.context) : null);
    })
    // An organization of its own: a manager, a requester with a ticket that has a colleague in
    // copy, that colleague, and a neighbour with a ticket of their own; all logins returned.
    .post('/test/organization', async (c) => {
      const organization = `Org ${crypto.randomUUID().slice(0, 8)}`;
      const people: Record<string, { id: string; email: string; password: string; name: string }> =
        {};
      for (const [role, name] of [
        ['manager', 'Marta Manager'],
        ['requester', 'Rosa Requester'],
        ['colleague', 'Carlos Colleague'],
        ['neighbour', 'Nuria Neighbour'],
      ] as const) {
        const row = await portal.createCustomer({ organization, name });
        people[role] = { id: row.id, email: row.email, password: row.password, name };
      }
      await updateDeskCustomer(
        portal.db,
        people.manager!.id,
        { organizationManager: true },
        portal.clock.now(),
      );
      const token = async (who: string) => {
        const login = await portal.request('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: people[who]!.email, password: people[who]!.password }),
        });
        return ((await login.json()) as { token: string }).token;
      };
      const form = new FormData();
      form.set('category', 'infra.network.vpn');
      form.set('urgency', 'medium');
      form.set('description', 'The VPN drops every few minutes.');
      form.set('colleagues', people.colleague!.id);
      const created = await api('/api/tickets', await token('requester'), {
        method: 'POST',
        body: form,
      });
      if (created.status !== 201) throw new Error(`shared ticket: ${created.status}`);
      const shared = ((await created.json()) as { number: number }).number;
      const own = await newTicket(await token('neighbour'), 'The printer is out of toner.');
      return c.json({ ...people, tickets: { shared, own } });
    })
    // Plays the company moving a customer to another organization (or out of any).
    .post('/test/customers/:id/organization', async (c) => {
      const { organization } = (await c.req.json()) as { organization: string | null };
      await updateDeskCustomer(portal.db, c.req.param('id'), { organization }, portal.clock.now());
      return c.body(null, 204);
    })
    .post('/test/tickets/:number/solution', async (c) => {
      const { text } = (await c.req.json()) as { text: string };
      await proposeSolution(portal, Number(c.req.param('number')), text);
      return c.body(null, 204);
    })
    .post('/test/tickets/:number/comment', async (c) => {
      const { text, awaitingCustomer } = (await c.req.json()) as {
        text: string;
        awaitingCustomer?: boolean;
      };
      const desk = { type: 'desk' as const, id: null, name: 'Marta (service desk)' };
      await applyDeskAction(
        portal.db,
        Number(c.req.param('number')),
        desk,
        { action: 'comment', text, awaitingCustomer },
        portal.clock.now(),
      );
      return c.body(null, 204);
    })
    // A leaf added last under an existing service, with one label in every language: the other
    // tests' menus keep their areas and services as they were.
    .post('/test/categories', async (c) => {
      const { id, parent, label } = (await c.req.json()) as {
        id: string;
        parent: string;
        label: string;
      };
      await portal.db.insert(categories).values({
        id,
        parentId: parent,
        sortOrder: 1000,
        labels: Object.fromEntries(LANGUAGES.map((language) => [language, label])) as Record<
          (typeof LANGUAGES)[number],
          string
        >,
        type: 'request',
      });
      forgetCategories(portal.db);
      return c.body(null, 204);
    })
    .post('/test/tickets/:number/close', async (c) => {
      // As the desk API closes it: the e-mail carries one-click rating links to this page.
      const desk = { type: 'desk' as const, id: null, name: 'Marta (service desk)' };
      const { portalUrl } = (await c.req.json()) as { portalUrl: string };
      await applyDeskAction(
        portal.db,
        Number(c.req.param('number')),
        desk,
        { action: 'status', status: 'closed' },
        portal.clock.now(),
        { portalUrl, tokenSecret: portal.ports.config.TOKEN_SECRET },
      );
      return c.body(null, 204);
    })
    .get('/test/outbox', async (c) => {
      const to = c.req.query('to') ?? '';
      const mails = await portal.db
        .select({ subject: mailOutbox.subject, text: mailOutbox.text, html: mailOutbox.html })
        .from(mailOutbox)
        .where(eq(mailOutbox.to, to))
        // Newest first; the test clock stands still, so by insertion rather than by time.
        .orderBy(desc(sql`rowid`));
      return c.json(mails);
    })
    .post('/test/partner-token', async (c) => {
      const { email, expiresInSeconds, claims } = (await c.req.json()) as {
        email: string;
        expiresInSeconds: number;
        /** With claims about the user: signed by the partner that creates customers. */
        claims?: Record<string, unknown>;
      };
      const now = Math.floor(portal.clock.now().getTime() / 1000);
      const partner = claims ? CREATOR : PARTNER;
      const token = await new SignJWT({ email, jti: crypto.randomUUID(), ...claims })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
        .setIssuer(partner.issuer)
        .setAudience(partner.audience)
        .setSubject(email)
        .setIssuedAt(expiresInSeconds > 0 ? now : now - 600)
        .setExpirationTime(now + expiresInSeconds)
        .sign(partnerKeys.privateKey);
      return c.json({ token });
    })
    .route('/', portal.app);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: helpers.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      portal.close();
    },
  };
}
