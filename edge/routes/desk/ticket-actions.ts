/**
 * @module
 * The desk's changes to a ticket over HTTP (see `applyDeskAction`): each answers with the
 * ticket as it now is, or 404 `not_found`, or 409 `wrong_state` for a move its state forbids.
 */
import { Hono, type Context } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import {
  deskCommentBody,
  deskSolutionBody,
  deskStatusBody,
} from '../../../contract/desk-schemas.ts';
import { categoryIndex } from '../../domain/categories.ts';
import { applyDeskAction, type DeskAction } from '../../domain/desk-actions.ts';
import { deskContext, findDeskTicket, toDeskDetails } from '../../domain/desk-tickets.ts';
import { deskActor, requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';
import { parseTicketNumber } from '../tickets.ts';

async function act(c: Context<DeskEnv>, action: DeskAction) {
  const { db, clock, config } = c.var.ports;
  const number = parseTicketNumber(c.req.param('number') ?? '');
  const actor = deskActor(c.var.integrationKey);
  await applyDeskAction(db, number, actor, action, clock.now(), {
    portalUrl: config.PORTAL_URL,
    tokenSecret: config.TOKEN_SECRET,
  });
  const [updated, index] = await Promise.all([findDeskTicket(db, number), categoryIndex(db)]);
  return c.json(await toDeskDetails(db, updated, deskContext(c.var.ports, index)));
}

export const deskTicketActionRoutes = new Hono<DeskEnv>()
  .post(DESK_ROUTES.status, requireDeskKey, validate('json', deskStatusBody), (c) =>
    act(c, { action: 'status', ...c.req.valid('json') }),
  )
  .post(DESK_ROUTES.solution, requireDeskKey, validate('json', deskSolutionBody), (c) =>
    act(c, { action: 'solution', ...c.req.valid('json') }),
  )
  .post(DESK_ROUTES.comments, requireDeskKey, validate('json', deskCommentBody), (c) =>
    act(c, { action: 'comment', ...c.req.valid('json') }),
  );
