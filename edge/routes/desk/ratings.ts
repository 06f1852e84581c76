/**
 * @module
 * The desk reads the customers' satisfaction ratings, newest change first (`since` to sync).
 */
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import { deskRatingListQuery } from '../../../contract/desk-schemas.ts';
import { listDeskRatings } from '../../domain/desk-ratings.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';

export const deskRatingRoutes = new Hono<DeskEnv>().get(
  DESK_ROUTES.ratings,
  requireDeskKey,
  validate('query', deskRatingListQuery),
  async (c) => c.json(await listDeskRatings(c.var.ports.db, c.req.valid('query'))),
);
