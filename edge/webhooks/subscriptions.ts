/**
 * @module
 * Webhook subscriptions, as the desk API and the admin command manage them. A removed
 * subscription's secret can be rotated with an overlap. A removed
 * subscription is kept (its outbox rows refer to it) but inactive, and its pending deliveries
 * are marked dead with the reason, so nothing is dropped without a trace. Deliveries can be
 * listed, and a dead one sent again.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { WEBHOOK_EVENTS } from '../../contract/desk-webhooks.ts';
import type { WebhookSecretInput, WebhookSubscriptionInput } from '../../contract/desk-schemas.ts';
import type {
  WebhookDelivery,
  WebhookSecretRotated,
  WebhookSubscription,
  WebhookSubscriptionCreated,
} from '../../contract/desk-types.ts';
import {
  webhookDeliveries,
  webhookSubscriptions,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { randomId } from '../lib/encoding.ts';
import type { Ports } from '../ports.ts';
import { refuseWebhookUrl } from './url-policy.ts';

export function toSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookSubscription['events'],
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createSubscription(
  ports: Pick<Ports, 'db' | 'clock' | 'config' | 'resolveHost'>,
  input: WebhookSubscriptionInput,
): Promise<WebhookSubscriptionCreated> {
  const refused = await refuseWebhookUrl(input.url, {
    development: ports.config.ENVIRONMENT === 'development',
    resolveHost: ports.resolveHost,
  });
  if (refused) throw new ApiError('validation_failed', { url: 'not_allowed' });
  const [row] = await ports.db
    .insert(webhookSubscriptions)
    .values({
      id: `wh_${randomId(12)}`,
      url: input.url,
      secret: input.secret ?? `whsec_${randomId(24)}`,
      events: [...new Set(input.events ?? WEBHOOK_EVENTS)],
      createdAt: ports.clock.now(),
    })
    .returning();
  return { ...toSubscription(row!), secret: row!.secret };
}

export async function listSubscriptions(ports: Pick<Ports, 'db'>): Promise<WebhookSubscription[]> {
  const rows = await ports.db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.active, true))
    .orderBy(asc(webhookSubscriptions.createdAt));
  return rows.map(toSubscription);
}

/**
 * Gives an active subscription a new signing secret. The old one keeps signing too (a second
 * `v1`) for `overlapHours`, so the receiver can switch without refusing a request; rotating
 * again within that time drops the oldest.
 */
export async function rotateSecret(
  ports: Pick<Ports, 'db' | 'clock'>,
  id: string,
  input: WebhookSecretInput,
): Promise<WebhookSecretRotated> {
  const { db, clock } = ports;
  const until = new Date(clock.now().getTime() + input.overlapHours * 3_600_000);
  const [row] = await db
    .update(webhookSubscriptions)
    .set({
      secret: input.secret ?? `whsec_${randomId(24)}`,
      previousSecret: input.overlapHours > 0 ? sql`${webhookSubscriptions.secret}` : null,
      previousSecretUntil: input.overlapHours > 0 ? until : null,
    })
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)))
    .returning();
  if (!row) throw new ApiError('not_found');
  return {
    ...toSubscription(row),
    secret: row.secret,
    previousSecretUntil: row.previousSecretUntil?.toISOString() ?? null,
  };
}

/** Deactivates a subscription; false when there is no active one with this id. */
export async function removeSubscription(ports: Pick<Ports, 'db'>, id: string): Promise<boolean> {
  const { db } = ports;
  const [removed] = await db.batch([
    db
      .update(webhookSubscriptions)
      .set({ active: false })
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true))),
    db
      .update(webhookDeliveries)
      .set({ status: 'dead', lastError: 'subscription removed' })
      .where(
        and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, 'pending')),
      ),
  ]);
  return removed.rowsAffected === 1;
}

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    type: row.eventType as WebhookDelivery['type'],
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** A subscription's deliveries, newest first; `not_found` for an unknown subscription. */
export async function listDeliveries(
  ports: Pick<Ports, 'db'>,
  subscriptionId: string,
  filter: { status?: WebhookDelivery['status']; limit: number },
): Promise<WebhookDelivery[]> {
  const { db } = ports;
  const [subscription] = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, subscriptionId));
  if (!subscription) throw new ApiError('not_found');
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(filter.limit);
  return rows.map(toDelivery);
}

/**
 * Gives a dead delivery of an active subscription a fresh set of attempts, due now; `not_found`
 * for any other row.
 */
export async function redeliver(
  ports: Pick<Ports, 'db' | 'clock'>,
  subscriptionId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const { db, clock } = ports;
  const active = db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.active, true)));
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: clock.now() })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, 'dead'),
        inArray(webhookDeliveries.subscriptionId, active),
      ),
    )
    .returning();
  if (!row) throw new ApiError('not_found');
  return toDelivery(row);
}
