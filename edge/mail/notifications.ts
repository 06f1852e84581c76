/**
 * @module
 * The customer's e-mail about a change the desk (or the auto-accept job) made to their ticket,
 * in their language, with a link that opens the ticket in the portal. It is written in the
 * change's own batch under the change's guard, and only while the customer still wants
 * notifications and is active, so a change that did not apply mails nothing and a preference
 * turned off a moment before is respected.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { customers, tickets } from '../db/schema.ts';
import type { Database } from '../ports.ts';
import { queueMail } from './outbox.ts';
import { ratingLinks } from './rating-links.ts';
import { renderMail, type TemplateName } from './templates.ts';

export type TicketNotice = Extract<TemplateName, `ticket-${string}`>;

type BatchItem = Parameters<Database['batch']>[0][number];

/** `<portal page>#sp/ticket/<number>`: the page's own hash, if any, gives way to the portal's. */
export function ticketLink(portalUrl: string, number: number): string {
  const url = new URL(portalUrl);
  url.hash = `sp/ticket/${number}`;
  return url.href;
}

/** Where a notification's links lead: the portal page, and the secret rating links need. */
export interface MailLinks {
  portalUrl?: string;
  tokenSecret?: string;
}

/**
 * The outbox write of one ticket notification, as the `extra` of a `ticketChange`; nothing when
 * the customer has turned notifications off. With `rating`, the e-mail also carries one-click
 * rating links (when the portal page and the secret are known).
 */
export async function ticketNotification(
  db: Database,
  ticketId: string,
  notice: TicketNotice,
  options: MailLinks & { at: Date; text?: string; rating?: boolean },
): Promise<(guard: SQL) => BatchItem[]> {
  const [row] = await db
    .select({
      number: tickets.number,
      customerId: customers.id,
      email: customers.email,
      name: customers.name,
      language: customers.language,
      notifications: customers.notifications,
      active: customers.active,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(eq(tickets.id, ticketId));
  if (!row || !row.notifications || !row.active) return () => [];
  const mail = renderMail(notice, row.language, {
    name: row.name,
    number: row.number,
    text: options.text,
    link: options.portalUrl ? ticketLink(options.portalUrl, row.number) : undefined,
    ratingLinks:
      options.rating && options.portalUrl && options.tokenSecret
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
  return (guard) => [
    queueMail(db, { to: row.email, ...mail }, { at: options.at, guard: and(guard, wanted) }),
  ];
}
