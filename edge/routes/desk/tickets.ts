/**
 * @module
 * The desk reads tickets: every customer's, filtered and paged; one with its timeline and
 * attachments; and an attachment's bytes, served with the customer route's safe headers
 * (always a download, never sniffed or rendered).
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import { deskTicketListQuery } from '../../contract/desk-schemas.ts';
import { attachments } from '../../db/schema.ts';
import { categoryIndex } from '../../domain/categories.ts';
import { findDeskTicket, listDeskTickets, toDeskDetails } from '../../domain/desk-tickets.ts';
import { ApiError } from '../../errors.ts';
import { attachmentDisposition } from '../../lib/files.ts';
import type { DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';
import { parseTicketNumber } from '../tickets.ts';

export const deskTicketRoutes = new Hono<DeskEnv>()
  .get(DESK_ROUTES.tickets, validate('query', deskTicketListQuery), async (c) => {
    const { db, config } = c.var.ports;
    const index = await categoryIndex(db);
    return c.json(await listDeskTickets(db, c.req.valid('query'), index, config.DEFAULT_LANGUAGE));
  })
  .get(DESK_ROUTES.ticket, async (c) => {
    const { db, config } = c.var.ports;
    const found = await findDeskTicket(db, parseTicketNumber(c.req.param('number')));
    const index = await categoryIndex(db);
    return c.json(await toDeskDetails(db, found, index, config.DEFAULT_LANGUAGE));
  })
  .get(DESK_ROUTES.attachment, async (c) => {
    const { db, store } = c.var.ports;
    const { ticket } = await findDeskTicket(db, parseTicketNumber(c.req.param('number')));
    const [file] = await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, c.req.param('id')), eq(attachments.ticketId, ticket.id)))
      .limit(1);
    const object = file && (await store.get(file.storageKey));
    if (!file || !object) throw new ApiError('not_found');
    return c.body(object.body, 200, {
      'Content-Type': file.contentType,
      'Content-Length': String(object.size),
      'Content-Disposition': attachmentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
  });
