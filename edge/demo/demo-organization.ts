/**
 * @module
 * The demo's organization: Ana García's "Talleres Ebro S.L." also has a manager, who sees every
 * ticket of it, and two colleagues, each in copy of one of Ana's tickets (put there when she
 * opened them), so each role has something to show.
 */
import { eq } from 'drizzle-orm';
import { eventInsert } from '../domain/events.ts';
import type { Database } from '../ports.ts';
import { createCustomer } from '../db/customers.ts';
import { customers, ticketColleagues, type CustomerRow } from '../db/schema.ts';

export const DEMO_ORGANIZATION = 'Talleres Ebro S.L.';

/** The extra logins `npm start` prints, all with the demo password. */
export const DEMO_ORGANIZATION_LOGINS = {
  manager: { email: 'marta.lopez@example.com', name: 'Marta López' },
  colleagues: [
    { email: 'jorge.ruiz@example.com', name: 'Jorge Ruiz' },
    { email: 'lucia.martin@example.com', name: 'Lucía Martín' },
  ],
} as const;

/** Which of Ana's demo tickets has which colleague (by index) in copy. */
const COPIES: Record<number, number> = { 1002: 1, 1003: 0 };

type BatchItem = Parameters<Database['batch']>[0][number];

/** Creates the manager and the two colleagues; returns the colleagues. */
export async function loadDemoOrganization(
  db: Database,
  password: string,
  iterations: number,
  now: Date,
): Promise<CustomerRow[]> {
  const member = (login: { email: string; name: string }) =>
    createCustomer(
      db,
      { ...login, password, organization: DEMO_ORGANIZATION, language: 'es' },
      iterations,
      now,
    );
  const manager = await member(DEMO_ORGANIZATION_LOGINS.manager);
  await db.update(customers).set({ organizationManager: true }).where(eq(customers.id, manager.id));
  const colleagues: CustomerRow[] = [];
  for (const login of DEMO_ORGANIZATION_LOGINS.colleagues) colleagues.push(await member(login));
  return colleagues;
}

/** The writes that put a demo ticket's colleague in copy, by its requester, when it was made. */
export function demoCopyWrites(
  db: Database,
  ticket: { id: string; number: number },
  requester: CustomerRow,
  colleagues: CustomerRow[],
  at: Date,
): BatchItem[] {
  const colleague = colleagues[COPIES[ticket.number] ?? -1];
  if (!colleague) return [];
  return [
    db.insert(ticketColleagues).values({
      ticketId: ticket.id,
      customerId: colleague.id,
      addedBy: requester.id,
      createdAt: at,
    }),
    eventInsert(
      db,
      ticket.id,
      { type: 'customer', id: requester.id, name: requester.name },
      { kind: 'colleague_added', text: colleague.name },
      at,
    ),
  ];
}
