/**
 * @module
 * The desk manages its webhook subscriptions: list, add (the signing secret is shown once),
 * rotate the secret (the old one still signs for a while), remove; and sees their deliveries, sending a dead one again. URLs to this machine or the
 * private network are refused outside development.
 */
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import {
  deliveryListQuery,
  webhookSecretBody,
  webhookSubscriptionBody,
} from '../../../contract/desk-schemas.ts';
import { ApiError } from '../../errors.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';
import {
  createSubscription,
  listDeliveries,
  listSubscriptions,
  redeliver,
  removeSubscription,
  rotateSecret,
} from '../../webhooks/subscriptions.ts';

export const deskWebhookRoutes = new Hono<DeskEnv>()
  .get(DESK_ROUTES.webhooks, requireDeskKey, async (c) =>
    c.json(await listSubscriptions(c.var.ports)),
  )
  .post(
    DESK_ROUTES.webhooks,
    requireDeskKey,
    validate('json', webhookSubscriptionBody),
    async (c) => c.json(await createSubscription(c.var.ports, c.req.valid('json')), 201),
  )
  .post(DESK_ROUTES.webhookSecret, requireDeskKey, validate('json', webhookSecretBody), async (c) =>
    c.json(await rotateSecret(c.var.ports, c.req.param('id'), c.req.valid('json'))),
  )
  .delete(DESK_ROUTES.webhook, requireDeskKey, async (c) => {
    if (!(await removeSubscription(c.var.ports, c.req.param('id')))) {
      throw new ApiError('not_found');
    }
    return c.body(null, 204);
  })
  .get(DESK_ROUTES.deliveries, requireDeskKey, validate('query', deliveryListQuery), async (c) =>
    c.json(await listDeliveries(c.var.ports, c.req.param('id'), c.req.valid('query'))),
  )
  .post(DESK_ROUTES.redeliver, requireDeskKey, async (c) =>
    c.json(await redeliver(c.var.ports, c.req.param('id'), c.req.param('deliveryId'))),
  );
