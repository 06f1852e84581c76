/**
 * @module
 * Writing the webhook outbox: for a timeline event the desk hears about, one row per active
 * subscription to its type, inserted in the batch of the change and under the same guard, so a
 * change that did not apply sends nothing and one that did can never lose its webhook.
 */
import { sql, type SQL } from 'drizzle-orm';
import { webhookEventOf, type WebhookPayload } from '../../contract/desk-webhooks.ts';
import { customers, tickets, webhookDeliveries, webhookSubscriptions } from '../db/schema.ts';
import type { Actor, NewEvent } from '../domain/event-types.ts';
import type { Database } from '../ports.ts';

/** The payload without its ticket part, which SQL fills from the ticket as the batch left it. */
type PartialPayload = Omit<WebhookPayload, 'data'> & {
  data: Omit<WebhookPayload['data'], 'ticket'> & { ticket: null };
};

/** The outbox insert of one event, or null when no webhook exists for its kind. */
export function outboxInsert(
  db: Database,
  ticketId: string,
  eventId: string,
  actor: Actor,
  event: NewEvent,
  at: Date,
  guard: SQL,
) {
  const type = webhookEventOf(event.kind);
  if (!type) return null;
  const payload: PartialPayload = {
    id: eventId,
    type,
    createdAt: at.toISOString(),
    data: {
      ticket: null,
      event: {
        kind: event.kind,
        actor: { type: actor.type, name: actor.name },
        text: event.text ?? null,
        attachmentId: event.attachmentId ?? null,
      },
      ...(event.rating && { rating: { ...event.rating, comment: event.text ?? null } }),
    },
  };
  // Read after the batch's earlier writes, so the ticket is as this change left it.
  const ticket = sql`(select json_object(
      'number', ${tickets.number}, 'title', ${tickets.title}, 'status', ${tickets.status}, 'type', ${tickets.type},
      'urgency', ${tickets.urgency}, 'categoryId', ${tickets.categoryId},
      'followUpOf', ${tickets.followUpOf},
      'customer', json_object('id', ${customers.id}, 'email', ${customers.email},
        'name', ${customers.name}, 'organization', ${customers.organization}))
    from ${tickets} join ${customers} on ${customers.id} = ${tickets.customerId}
    where ${tickets.id} = ${ticketId})`;
  return db.run(sql`insert into ${webhookDeliveries}
      (id, event_id, subscription_id, event_type, ticket_id, payload, attempts, next_attempt_at, status, created_at)
    select lower(hex(randomblob(16))), ${eventId}, ${webhookSubscriptions.id}, ${type}, ${ticketId},
      json_set(${JSON.stringify(payload)}, '$.data.ticket', json(${ticket})),
      0, ${at.getTime()}, 'pending', ${at.getTime()}
    from ${webhookSubscriptions}
    where ${webhookSubscriptions.active} = 1
      and exists (select 1 from json_each(${webhookSubscriptions.events}) where value = ${type})
      and ${guard}`);
}
