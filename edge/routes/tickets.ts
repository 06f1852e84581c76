/**
 * @module
 * Tickets of the logged-in customer: create one (with at most one file and colleagues in copy;
 * its title and first-response due date stored, an acknowledgement e-mailed),
 * list open or closed ones newest first with a cursor (their own and those they are in copy on,
 * or, for managers, their organization's), read one with its timeline and attachments.
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ticketTitle } from '../../contract/ticket-title.ts';
import { newTicketFields, ticketListQuery } from '../../contract/schemas.ts';
import { attachments, tickets } from '../db/schema.ts';
import { categoryIndex, categoryReads, selectableLeaf } from '../domain/categories.ts';
import { colleagueIdList, colleagueWrites, resolveColleagues } from '../domain/colleagues.ts';
import { customerActor, eventWrites } from '../domain/events.ts';
import { followedUpTicket, followUpOpenedEvent } from '../domain/follow-ups.ts';
import { storedTicketContext } from '../domain/ticket-context.ts';
import { visibleTicketsRead } from '../domain/ticket-lists.ts';
import {
  markOpened,
  ticketPage,
  ticketViewRead,
  viewedDetails,
  writeThenView,
  type TicketView,
} from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { acknowledgementWrites } from '../mail/acknowledgement.ts';
import { checkCustomer, customerReads, customerSession } from '../middleware/customer-auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { multipartBody, readForm } from '../middleware/multipart.ts';
import { parseWith, validate } from '../middleware/validate.ts';

/** Numbers start above 1000 so that they read as ticket numbers, not counts. */
const nextNumber = sql`(select coalesce(max(${tickets.number}), 1000) + 1 from ${tickets})`;

export const ticketRoutes = new Hono<AppEnv>()
  // The session is checked by `idempotent` with its claim when there is a key, else here.
  .post(ROUTES.tickets, customerSession, idempotent, multipartBody, async (c) => {
    const { db, store, config, clock } = c.var.ports;
    const customer = await checkCustomer(c);
    const now = clock.now();
    const ticketId = crypto.randomUUID();
    const { fields: rawFields, upload } = await readForm(c, {
      ticketId,
      uploadedBy: customer.id,
      at: now,
    });
    const fields = parseWith(newTicketFields(config.MAX_DESCRIPTION_LENGTH), rawFields);
    const context = storedTicketContext(fields.context);
    const index = await categoryIndex(db);
    const leaf = selectableLeaf(index, fields.category);
    if (!leaf?.type) throw new ApiError('validation_failed', { category: 'not_allowed' });
    const colleagues = await resolveColleagues(
      db,
      customer.organization,
      customer.id,
      colleagueIdList(fields.colleagues),
      'colleagues',
    );

    const followed = await followedUpTicket(
      db,
      customer,
      fields.followUpOf,
      config.FOLLOW_UP_DAYS,
      now,
    );
    const actor = customerActor(customer);
    const title = ticketTitle(fields.description);
    const firstResponseDueAt = new Date(
      now.getTime() + config.FIRST_RESPONSE_HOURS[fields.urgency] * 3_600_000,
    );
    const acknowledgement = await acknowledgementWrites(db, {
      ticketId,
      title,
      firstResponseDueAt,
      requester: customer,
      colleagueIds: colleagues.map((colleague) => colleague.id),
      portalUrl: config.PORTAL_URL,
      at: now,
    });
    let view: TicketView;
    try {
      // The ticket, its events, file, colleagues and mail in one batch, which then reads the
      // details answered (by id: SQL chooses the number): one round trip.
      ({ view } = await writeThenView(c.var.ports, customer, { id: ticketId }, [
        db.insert(tickets).values({
          id: ticketId,
          number: nextNumber,
          customerId: customer.id,
          followUpOf: followed?.number ?? null,
          organization: customer.organization,
          categoryId: leaf.id,
          type: leaf.type,
          urgency: fields.urgency,
          description: fields.description,
          title,
          firstResponseDueAt,
          status: 'new',
          createdAt: now,
          updatedAt: now,
          revision: crypto.randomUUID(),
          context,
        }),
        ...eventWrites(db, ticketId, actor, { kind: 'created', status: 'new' }, now),
        ...(followed ? [followUpOpenedEvent(db, followed, ticketId, customer, now)] : []),
        ...(upload
          ? [
              db.insert(attachments).values(upload),
              ...eventWrites(
                db,
                ticketId,
                actor,
                { kind: 'attachment_added', attachmentId: upload.id, text: upload.name },
                now,
              ),
            ]
          : []),
        ...colleagueWrites(db, ticketId, actor, colleagues, now),
        ...acknowledgement,
      ]));
    } catch (error) {
      if (upload) await store.delete(upload.storageKey);
      throw error;
    }
    return c.json((await viewedDetails(c.var.ports, customer, view)).details, 201);
  })
  .get(ROUTES.tickets, customerSession, validate('query', ticketListQuery), async (c) => {
    const { db } = c.get('ports');
    const query = c.req.valid('query');
    // The session check, the page and (when not kept in memory) the category tree at once.
    const [customer, rows] = await customerReads(c, (viewer) => [
      visibleTicketsRead(db, viewer, query),
      ...categoryReads(db),
    ]);
    return c.json(await ticketPage(db, customer, rows, query.limit));
  })
  .get(ROUTES.ticket, customerSession, async (c) => {
    const { ports } = c.var;
    const number = parseTicketNumber(c.req.param('number'));
    // The session check, the ticket, every part of its details, the reader's marker and the
    // tree at once; the details of a ticket the customer may not see are read and dropped.
    const [customer, view] = await customerReads(c, (viewer) => [
      ticketViewRead(ports.db, viewer, { number }),
      ...categoryReads(ports.db),
    ]);
    const { ticket, details } = await viewedDetails(ports, customer, view);
    await markOpened(ports, customer, ticket, view.parts);
    return c.json(details);
  });

/** A path segment that is not a ticket number names no ticket. */
export function parseTicketNumber(raw: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw new ApiError('not_found');
  return Number(raw);
}
