/**
 * @module
 * The desk's view of the ticket tool connection: the connector's deliveries (a dead one is a
 * customer's message the tool refused for good, never dropped silently), and sending one again.
 */
import { Hono } from 'hono';
import { DESK_ROUTES } from '../../../contract/desk-routes.ts';
import { deliveryListQuery } from '../../../contract/desk-schemas.ts';
import { listConnectorDeliveries, retryDelivery } from '../../connectors/outbox.ts';
import type { ConnectorDeliveryRow } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { requireDeskKey, type DeskEnv } from '../../middleware/desk-auth.ts';
import { validate } from '../../middleware/validate.ts';

function toDelivery(row: ConnectorDeliveryRow) {
  return {
    seq: row.seq,
    eventId: row.eventId,
    ticketId: row.ticketId,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

export const deskConnectorRoutes = new Hono<DeskEnv>()
  .get(
    DESK_ROUTES.connectorDeliveries,
    requireDeskKey,
    validate('query', deliveryListQuery),
    async (c) => {
      const { status, limit } = c.req.valid('query');
      const rows = await listConnectorDeliveries(c.var.ports.db, status, limit);
      return c.json({ items: rows.map(toDelivery) });
    },
  )
  .post(DESK_ROUTES.connectorRetry, requireDeskKey, async (c) => {
    const seq = Number(c.req.param('seq'));
    const { db, clock } = c.var.ports;
    if (!Number.isSafeInteger(seq) || !(await retryDelivery(db, seq, clock.now())))
      throw new ApiError('not_found');
    return c.body(null, 204);
  });
