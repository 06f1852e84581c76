/**
 * @module
 * The service desk's API under `/api/desk`. Every route names `requireDeskKey` itself; the
 * guard on the prefix here also answers an unknown desk path with 401 rather than telling a
 * caller without a key which paths exist.
 */
import { Hono } from 'hono';
import { DESK_PREFIX } from '../../../contract/desk-routes.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { deskCategoryRoutes } from './categories.ts';
import { deskConnectorRoutes } from './connector.ts';
import { deskCustomerRoutes } from './customers.ts';
import { deskRatingRoutes } from './ratings.ts';
import { deskTicketActionRoutes } from './ticket-actions.ts';
import { deskTicketRoutes } from './tickets.ts';
import { deskWebhookRoutes } from './webhooks.ts';

export const deskRoutes = new Hono<DeskEnv>()
  .use(DESK_PREFIX, requireDeskKey)
  .use(`${DESK_PREFIX}/*`, requireDeskKey)
  .route('/', deskTicketRoutes)
  .route('/', deskTicketActionRoutes)
  .route('/', deskCustomerRoutes)
  .route('/', deskCategoryRoutes)
  .route('/', deskRatingRoutes)
  .route('/', deskWebhookRoutes)
  .route('/', deskConnectorRoutes);
