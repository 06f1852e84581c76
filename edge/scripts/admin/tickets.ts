/**
 * @module
 * `tickets:list`: the newest tickets with their customer, type and status, for a person running
 * the portal.
 */
import { desc, eq } from 'drizzle-orm';
import { TICKET_STATUSES, type TicketStatus } from '../../../contract/domain.ts';
import { customers, tickets } from '../../db/schema.ts';
import type { AdminCommand } from './command.ts';
import { options, UsageError } from './command.ts';

export const ticketCommands: Record<string, AdminCommand> = {
  'tickets:list': {
    usage: '[--status new|in_progress|waiting_for_customer|resolved|closed] [--limit <n>]',
    summary: 'List the newest tickets.',
    async run(args, { db }, out) {
      const { values } = options(args, {
        status: { type: 'string' },
        limit: { type: 'string', default: '20' },
      });
      const status = values.status as TicketStatus | undefined;
      if (status && !TICKET_STATUSES.includes(status))
        throw new UsageError(`Unknown status: ${status}`);
      const rows = await db
        .select({
          number: tickets.number,
          status: tickets.status,
          type: tickets.type,
          urgency: tickets.urgency,
          category: tickets.categoryId,
          customer: customers.email,
          updated: tickets.updatedAt,
        })
        .from(tickets)
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .where(status ? eq(tickets.status, status) : undefined)
        .orderBy(desc(tickets.number))
        .limit(Number(values.limit) || 20);
      out.table(rows.map((row) => ({ ...row, updated: row.updated.toISOString() })));
    },
  },
};
