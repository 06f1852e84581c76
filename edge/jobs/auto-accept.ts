/**
 * @module
 * Solutions the customer left unanswered for `AUTO_ACCEPT_DAYS` are accepted for them: the
 * ticket closes, the timeline says `solution_auto_accepted`, the desk's webhook fires and the
 * customer is e-mailed, all in the one guarded change, so a customer answering at the same
 * moment wins or loses cleanly.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import { tickets } from '../db/schema.ts';
import type { Actor } from '../domain/event-types.ts';
import { ticketChange } from '../domain/events.ts';
import { ticketNotification } from '../mail/notifications.ts';
import type { Ports } from '../ports.ts';

const DAY_MS = 86_400_000;
const BATCH = 100;

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: null };

/** Closes every ticket whose solution has waited too long; returns how many. */
export async function autoAcceptSolutions(ports: Ports): Promise<number> {
  const { db, clock, config } = ports;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - config.AUTO_ACCEPT_DAYS * DAY_MS);
  let accepted = 0;
  for (;;) {
    const due = await db
      .select({ id: tickets.id, proposedAt: tickets.solutionProposedAt })
      .from(tickets)
      .where(and(eq(tickets.status, 'resolved'), lte(tickets.solutionProposedAt, cutoff)))
      .orderBy(asc(tickets.solutionProposedAt))
      .limit(BATCH);
    for (const ticket of due) {
      const applied = await ticketChange(
        db,
        ticket.id,
        SYSTEM_ACTOR,
        {
          from: ['resolved'],
          // Only the solution that aged: not one proposed again since this was read.
          where: eq(tickets.solutionProposedAt, ticket.proposedAt!),
          set: { status: 'closed', closedAt: now },
          events: [{ kind: 'solution_auto_accepted', status: 'closed' }],
          extra: await ticketNotification(db, ticket.id, 'ticket-auto-accepted', {
            at: now,
            portalUrl: config.PORTAL_URL,
            tokenSecret: config.TOKEN_SECRET,
            rating: true,
          }),
        },
        now,
      );
      if (applied) accepted++;
    }
    if (due.length < BATCH) return accepted;
  }
}
