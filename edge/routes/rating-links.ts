/**
 * @module
 * One-click rating links from the closing e-mails, without logging in: `GET` names the ticket
 * the link rates (and its rating so far), `POST` rates it. The token in the path is all the
 * authority there is, and it reaches that one ticket of that one customer and nothing else; any
 * token that is not a current rating token of an active customer is `invalid_link`.
 */
import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { ratingBody } from '../../contract/schemas.ts';
import type { RatingLinkTicket } from '../../contract/types.ts';
import { customers, ticketRatings, tickets } from '../db/schema.ts';
import { categoryIndex, categoryPath } from '../domain/categories.ts';
import { rateTicket } from '../domain/ratings.ts';
import { toRating } from '../domain/tickets.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { verifyRatingToken } from '../lib/rating-tokens.ts';
import { validate } from '../middleware/validate.ts';

/** The ticket and requester the link's token names. */
async function linkTarget(c: Context<AppEnv>) {
  const { db, config, clock } = c.var.ports;
  const claims = await verifyRatingToken(
    c.req.param('token') ?? '',
    config.TOKEN_SECRET,
    clock.now(),
  );
  if (!claims) throw new ApiError('invalid_link');
  const [row] = await db
    .select({ ticket: tickets, customer: customers })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        eq(tickets.id, claims.ticketId),
        eq(tickets.customerId, claims.customerId),
        eq(customers.active, true),
      ),
    )
    .limit(1);
  if (!row) throw new ApiError('invalid_link');
  return row;
}

async function linkTicket(
  c: Context<AppEnv>,
  target: Awaited<ReturnType<typeof linkTarget>>,
): Promise<RatingLinkTicket> {
  const { db } = c.var.ports;
  const [index, [rating]] = await Promise.all([
    categoryIndex(db),
    db.select().from(ticketRatings).where(eq(ticketRatings.ticketId, target.ticket.id)),
  ]);
  const path = categoryPath(index, target.ticket.categoryId, target.customer.language);
  return {
    number: target.ticket.number,
    category: { label: path.at(-1) ?? '', path },
    rating: rating ? toRating(rating) : null,
  };
}

export const ratingLinkRoutes = new Hono<AppEnv>()
  .get(ROUTES.ratingLink, async (c) => c.json(await linkTicket(c, await linkTarget(c))))
  .post(ROUTES.ratingLink, validate('json', ratingBody), async (c) => {
    const target = await linkTarget(c);
    const { db, clock } = c.var.ports;
    await rateTicket(db, target.ticket, target.customer, c.req.valid('json'), 'email', clock.now());
    return c.json(await linkTicket(c, target));
  });
