/**
 * @module
 * Playing the service desk inside a test: the same `ticketChange` the desk's own routes use.
 */
import { eq } from 'drizzle-orm';
import { tickets } from '../../edge/db/schema.ts';
import { ticketChange } from '../../edge/domain/events.ts';
import type { TestPortal } from './app.ts';

export async function proposeSolution(portal: TestPortal, number: number, solution: string) {
  const [ticket] = await portal.db.select().from(tickets).where(eq(tickets.number, number));
  const at = portal.clock.now();
  const applied = await ticketChange(
    portal.db,
    ticket!.id,
    { type: 'desk', id: null, name: 'Service desk' },
    {
      from: ['new', 'in_progress'],
      set: { status: 'resolved', solution, solutionProposedAt: at },
      events: [{ kind: 'solution_proposed', text: solution, status: 'resolved' }],
    },
    at,
  );
  if (!applied) throw new Error(`could not propose a solution for ${number}`);
}
