/**
 * @module
 * The desk reads tickets: every customer's, filtered and paged; one with its timeline and
 * attachments; and an attachment's bytes, served with the customer route's safe headers
 * (always a download, never sniffed or rendered).
 */
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import { deskTicketListQuery } from '../../../contract/desk-schemas.ts';
import { categoryIndex } from '../../domain/categories.ts';
import { attachmentDownload } from '../../domain/downloads.ts';
import {
  deskContext,
  findDeskTicket,
  listDeskTickets,
  toDeskDetails,
} from '../../domain/desk-tickets.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';
import { parseTicketNumber } from '../tickets.ts';

export const deskTicketRoutes = new Hono<DeskEnv>()
  .get(DESK_ROUTES.tickets, requireDeskKey, validate('query', deskTicketListQuery), async (c) => {
    const { db, config, clock } = c.var.ports;
    const index = await categoryIndex(db);
    const query = c.req.valid('query');
    return c.json(await listDeskTickets(db, query, index, config.DEFAULT_LANGUAGE, clock.now()));
  })
  .get(DESK_ROUTES.ticket, requireDeskKey, async (c) => {
    const { db } = c.var.ports;
    const found = await findDeskTicket(db, parseTicketNumber(c.req.param('number')));
    const index = await categoryIndex(db);
    return c.json(await toDeskDetails(db, found, deskContext(c.var.ports, index)));
  })
  .get(DESK_ROUTES.attachment, requireDeskKey, async (c) => {
    const { ticket } = await findDeskTicket(
      c.var.ports.db,
      parseTicketNumber(c.req.param('number')),
    );
    return attachmentDownload(c, ticket.id, c.req.param('id'));
  });
