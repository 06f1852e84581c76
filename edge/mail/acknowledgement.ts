/**
 * @module
 * The acknowledgement of a new ticket: an e-mail to its requester and to each colleague in copy,
 * in their own language, with the number, the title, when the first answer is due and a link
 * to the ticket; not to anyone who turned notifications off. Queued in the batch that creates
 * the ticket, whose number SQL chooses in that batch: the mail is rendered with a random stand-in
 * for the number, which the insert replaces with the number the ticket got.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Language } from '../../contract/domain.ts';
import { customers, mailOutbox, tickets } from '../db/schema.ts';
import { randomId } from '../lib/encoding.ts';
import type { Database } from '../ports.ts';
import { ticketLink } from './notifications.ts';
import { renderMail } from './templates.ts';

type BatchItem = Parameters<Database['batch']>[0][number];

export interface NewTicketMail {
  ticketId: string;
  title: string;
  firstResponseDueAt: Date;
  requester: {
    id: string;
    email: string;
    name: string;
    language: Language;
    notifications: boolean;
  };
  /** Ids of the colleagues put in copy. */
  colleagueIds: string[];
  portalUrl?: string;
  at: Date;
}

/** The due date as the reader's language writes it; in UTC, said so, as the server knows no zone. */
export function formatDue(at: Date, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
    .format(at)
    .concat(' UTC');
}

export async function acknowledgementWrites(
  db: Database,
  ticket: NewTicketMail,
): Promise<BatchItem[]> {
  const colleagues = ticket.colleagueIds.length
    ? await db
        .select({
          id: customers.id,
          email: customers.email,
          name: customers.name,
          language: customers.language,
          notifications: customers.notifications,
        })
        .from(customers)
        .where(and(inArray(customers.id, ticket.colleagueIds), eq(customers.active, true)))
    : [];
  // Letters and digits only: unchanged by HTML escaping and in the link's fragment.
  const stand = `number${randomId().replace(/[^A-Za-z0-9]/g, '')}`;
  const number = sql`(select cast(${tickets.number} as text) from ${tickets} where ${tickets.id} = ${ticket.ticketId})`;
  const at = ticket.at.getTime();
  return [ticket.requester, ...colleagues]
    .filter((reader) => reader.notifications)
    .map((reader) => {
      const mail = renderMail('ticket-created', reader.language, {
        name: reader.name,
        number: stand,
        title: ticket.title,
        due: formatDue(ticket.firstResponseDueAt, reader.language),
        link: ticket.portalUrl ? ticketLink(ticket.portalUrl, stand) : undefined,
      });
      const filled = (text: string) => sql`replace(${text}, ${stand}, ${number})`;
      return db.run(sql`insert into ${mailOutbox}
          (id, "to", subject, text, html, status, attempts, next_attempt_at, created_at)
        select ${randomId()}, ${reader.email}, ${filled(mail.subject)}, ${filled(mail.text)},
          ${filled(mail.html)}, 'queued', 0, ${at}, ${at}
        where exists (select 1 from ${customers} where ${and(
          eq(customers.id, reader.id),
          eq(customers.notifications, true),
          eq(customers.active, true),
        )})`);
    });
}
