/**
 * @module
 * Sends the webhook outbox. Each due row is first claimed (its attempt counted and a lease set),
 * then sent signed, then marked delivered, retried later with exponential backoff, or dead after
 * the last attempt. All state is in the database: a crash mid-send leaves a claimed row that is
 * due again when its lease ends, so nothing is lost (a receiver may see a repeat, with the same
 * `Portal-Delivery-Id`). Per endpoint and ticket, a row waits until every earlier one is settled.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { WEBHOOK_HEADERS } from '../../contract/desk-webhooks.ts';
import {
  webhookDeliveries,
  webhookSubscriptions,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { signatureHeader } from './signature.ts';
import { refuseWebhookUrl } from './url-policy.ts';

const MAX_BACKOFF_MS = 6 * 3600_000;
/** Rows claimed per round; rounds repeat so the next event of a ticket follows at once. */
const ROUND_SIZE = 25;
/**
 * Attempts per run. Each costs about three subrequests on Workers (two queries to libSQL over
 * HTTP and the webhook), which must stay under the platform's per-invocation limit; the rest
 * waits for the next run.
 */
const MAX_PER_RUN = 100;

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  dead: number;
}

/** The wait before the attempt after `attempts` failed ones. */
export function backoffMs(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * Due rows that no earlier pending row of the same endpoint and ticket holds back. Taken by due
 * time, so the (status, next_attempt_at) index serves it however large the table grows; the
 * order within a ticket comes from the `not exists`.
 */
function dueHeads(ports: Ports, now: Date, limit: number) {
  const { db } = ports;
  return db
    .select({
      delivery: webhookDeliveries,
      url: webhookSubscriptions.url,
      secret: webhookSubscriptions.secret,
      previousSecret: webhookSubscriptions.previousSecret,
      previousSecretUntil: webhookSubscriptions.previousSecretUntil,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, now),
        sql`not exists (select 1 from ${webhookDeliveries} as earlier
          where earlier.subscription_id = ${webhookDeliveries.subscriptionId}
            and earlier.ticket_id = ${webhookDeliveries.ticketId}
            and earlier.status = 'pending' and earlier.seq < ${webhookDeliveries.seq})`,
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.seq))
    .limit(limit);
}

/** Counts the attempt and leases the row; false when another run claimed it first. */
async function claim(ports: Ports, row: WebhookDeliveryRow, now: Date): Promise<boolean> {
  const lease = new Date(now.getTime() + ports.config.WEBHOOK_TIMEOUT_MS + 30_000);
  const result = await ports.db
    .update(webhookDeliveries)
    .set({ attempts: row.attempts + 1, nextAttemptAt: lease })
    .where(
      and(
        eq(webhookDeliveries.id, row.id),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.attempts, row.attempts),
      ),
    );
  return result.rowsAffected === 1;
}

/** Sends one request; the reason it failed, or null on a 2xx answer. */
async function send(
  ports: Ports,
  row: WebhookDeliveryRow,
  url: string,
  secrets: readonly string[],
) {
  const { config, clock, resolveHost, webhookFetch = fetch } = ports;
  const refused = await refuseWebhookUrl(url, {
    development: config.ENVIRONMENT === 'development',
    resolveHost,
  });
  if (refused) return `refused: ${refused}`;
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  try {
    const response = await webhookFetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(config.WEBHOOK_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'SupportPortal-Webhooks/1',
        [WEBHOOK_HEADERS.signature]: await signatureHeader(secrets, timestamp, row.payload),
        [WEBHOOK_HEADERS.eventId]: row.eventId,
        [WEBHOOK_HEADERS.deliveryId]: row.id,
        [WEBHOOK_HEADERS.eventType]: row.eventType,
      },
      body: row.payload,
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
  } catch (error) {
    const { name, message, cause } = error as Error;
    if (name === 'TimeoutError') return 'timed out';
    // fetch says only "fetch failed"; the reason (refused, reset, no such host) is its cause.
    return `network error: ${cause instanceof Error ? cause.message : message}`;
  }
}

async function settle(
  ports: Ports,
  row: WebhookDeliveryRow,
  failure: string | null,
): Promise<keyof DeliveryReport> {
  const { db, clock, config } = ports;
  const now = clock.now();
  const attempts = row.attempts + 1;
  const where = and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.attempts, attempts));
  if (!failure) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'delivered', deliveredAt: now, lastError: null })
      .where(where);
    return 'delivered';
  }
  const dead = attempts >= config.WEBHOOK_MAX_ATTEMPTS;
  // Never silent: the row keeps its last error, and the operator's log says so.
  if (dead) console.warn(`webhook ${row.id} (${row.eventType}) dead after ${attempts}: ${failure}`);
  await db
    .update(webhookDeliveries)
    .set({
      status: dead ? 'dead' : 'pending',
      lastError: failure.slice(0, 500),
      nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, config.WEBHOOK_BACKOFF_SECONDS)),
    })
    .where(where);
  return dead ? 'dead' : 'retrying';
}

/** The current secret, and the one before it while it is still honoured. */
function signingSecrets(
  subscription: Pick<WebhookSubscriptionRow, 'secret' | 'previousSecret' | 'previousSecretUntil'>,
  now: Date,
): string[] {
  const { secret, previousSecret, previousSecretUntil } = subscription;
  const honoured = previousSecret && previousSecretUntil && previousSecretUntil > now;
  return honoured ? [secret, previousSecret] : [secret];
}

/** Delivers every webhook that is due now; returns what happened. */
export async function deliverDueWebhooks(ports: Ports): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, dead: 0 };
  let tried = 0;
  while (tried < MAX_PER_RUN) {
    const now = ports.clock.now();
    const heads = await dueHeads(ports, now, Math.min(ROUND_SIZE, MAX_PER_RUN - tried));
    tried += heads.length;
    if (heads.length === 0) break;
    // One head per endpoint and ticket: sending them side by side keeps each ticket in order.
    const outcomes = await Promise.all(
      heads.map(async ({ delivery, url, ...subscription }) => {
        if (!(await claim(ports, delivery, now))) return null;
        const secrets = signingSecrets(subscription, now);
        return settle(ports, delivery, await send(ports, delivery, url, secrets));
      }),
    );
    for (const outcome of outcomes) if (outcome) report[outcome]++;
    // Only a settled row (delivered or dead) lets a ticket's next event become due now.
    if (!outcomes.some((outcome) => outcome === 'delivered' || outcome === 'dead')) break;
  }
  return report;
}
