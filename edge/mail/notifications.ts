/**
 * @module
 * The e-mails about a change the desk (or the auto-accept job) made to a ticket: to its requester
 * and to each colleague in copy, in their own language, with a link that opens the ticket in the
 * portal. They are written in the change's own batch under the change's guard, each only while
 * its recipient still wants notifications and is active, so a change that did not apply mails
 * nothing and a preference turned off a moment before is respected.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { customers, ticketColleagues, tickets } from '../db/schema.ts';
import type { Database } from '../ports.ts';
import { queueMail } from './outbox.ts';
import { ratingLinks } from './rating-links.ts';
import { renderMail, type TemplateName } from './templates.ts';

export type TicketNotice = Extract<TemplateName, `ticket-${string}`>;

type BatchItem = Parameters<Database['batch']>[0][number];

/** `<portal page>#sp/ticket/<number>`: the page's own hash, if any, gives way to the portal's. */
export function ticketLink(portalUrl: string, number: number | string): string {
  const url = new URL(portalUrl);
  url.hash = `sp/ticket/${number}`;
  return url.href;
}

/** Where a notification's links lead: the portal page, and the secret rating links need. */
export interface MailLinks {
  portalUrl?: string;
  tokenSecret?: string;
}

/** Who a ticket's notifications go to: its requester and its colleagues in copy. */
async function recipients(db: Database, ticketId: string) {
  const columns = {
    number: tickets.number,
    title: tickets.title,
    customerId: customers.id,
    email: customers.email,
    name: customers.name,
    language: customers.language,
    notifications: customers.notifications,
    active: customers.active,
  };
  const [requester, colleagues] = await Promise.all([
    db
      .select(columns)
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(tickets.id, ticketId)),
    db
      .select(columns)
      .from(ticketColleagues)
      .innerJoin(tickets, eq(tickets.id, ticketColleagues.ticketId))
      .innerJoin(customers, eq(customers.id, ticketColleagues.customerId))
      // A colleague who left the organization no longer sees the ticket, nor hears of it.
      .where(
        and(
          eq(ticketColleagues.ticketId, ticketId),
          eq(customers.organization, tickets.organization),
        ),
      ),
  ]);
  return [
    ...requester.map((row) => ({ ...row, requester: true })),
    ...colleagues.map((row) => ({ ...row, requester: false })),
  ];
}

/**
 * The outbox writes of one ticket notification, as the `extra` of a `ticketChange`: one e-mail
 * to the requester and one to each colleague in copy, each in their own language, leaving out
 * whoever has turned notifications off. With `rating`, the requester's e-mail also carries
 * one-click rating links (when the portal page and the secret are known); only the requester
 * rates.
 */
export async function ticketNotification(
  db: Database,
  ticketId: string,
  notice: TicketNotice,
  options: MailLinks & { at: Date; text?: string; rating?: boolean },
): Promise<(guard: SQL) => BatchItem[]> {
  const wanting = (await recipients(db, ticketId)).filter((row) => row.notifications && row.active);
  const mails = await Promise.all(
    wanting.map(async (row) => {
      const mail = renderMail(notice, row.language, {
        name: row.name,
        number: row.number,
        title: row.title,
        text: options.text,
        link: options.portalUrl ? ticketLink(options.portalUrl, row.number) : undefined,
        ratingLinks:
          row.requester && options.rating && options.portalUrl && options.tokenSecret
            ? await ratingLinks(
                options.portalUrl,
                options.tokenSecret,
                { ticketId, customerId: row.customerId },
                options.at,
              )
            : undefined,
      });
      const wanted = sql`exists (select 1 from ${customers} where ${and(
        eq(customers.id, row.customerId),
        eq(customers.notifications, true),
        eq(customers.active, true),
      )})`;
      return { mail: { to: row.email, ...mail }, wanted };
    }),
  );
  return (guard) =>
    mails.map(({ mail, wanted }) =>
      queueMail(db, mail, { at: options.at, guard: and(guard, wanted) }),
    );
}
