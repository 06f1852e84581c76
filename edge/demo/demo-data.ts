/**
 * @module
 * The demo: two customers of two organizations, the category tree of `demo/categories.json`,
 * and a few tickets in every state, so that each screen of the portal has something to show;
 * Ana's organization also has a manager and two colleagues in copy (see `demo-organization.ts`).
 */
import { count, eq } from 'drizzle-orm';
import { DEFAULT_FIRST_RESPONSE_HOURS, type Urgency } from '../../contract/domain.ts';
import { ticketTitle } from '../../contract/ticket-title.ts';
import type { Actor } from '../domain/event-types.ts';
import { eventInsert } from '../domain/events.ts';
import type { Database } from '../ports.ts';
import type { CategoryInput } from '../../contract/category-tree.ts';
import { saveCategoryTree } from '../db/category-tree.ts';
import { createCustomer } from '../db/customers.ts';
import { DEMO_ORGANIZATION, demoCopyWrites, loadDemoOrganization } from './demo-organization.ts';
import { customers, tickets, type CustomerRow } from '../db/schema.ts';

export const DEMO_LOGIN = {
  email: 'ana.garcia@example.com',
  password: 'demo-portal-2026',
} as const;

/**
 * The partner intranet's user (demo/partner): a customer of another organization, in Portuguese,
 * who never set a password: single sign-on logs them in.
 */
export const DEMO_PARTNER_USER = {
  email: 'bruno.costa@example.com',
  name: 'Bruno Costa',
  organization: 'Costa & Filhos Lda.',
} as const;

/** The demo company's contact block (the Contact screen), as its operator would configure it. */
export const DEMO_CONTACT = {
  CONTACT_NAME: 'Nubia Sistemas S.L.',
  CONTACT_EMAIL: 'soporte@nubia-sistemas.example',
  CONTACT_PHONE: '+34 910 000 120',
  CONTACT_HOURS: 'L–V 8:00–20:00 (CET)',
  CONTACT_URL: 'https://nubia-sistemas.example/soporte',
};

const DAY = 86_400_000;

interface DemoTicket {
  number: number;
  category: string;
  urgency: Urgency;
  description: string;
  daysAgo: number;
  solution?: string;
  closed?: boolean;
}

const BRUNO_TICKETS: DemoTicket[] = [
  {
    number: 1004,
    category: 'account.licences.more',
    urgency: 'low',
    description: 'Precisamos de mais três licenças do ERP para a nova equipa do armazém do Porto.',
    daysAgo: 6,
    solution: 'Licenças ampliadas: já pode atribuí-las aos três utilizadores novos.',
    closed: true,
  },
  {
    number: 1005,
    category: 'infra.network.wifi',
    urgency: 'medium',
    description: 'A rede wifi do armazém cai várias vezes por dia desde a semana passada.',
    daysAgo: 2,
  },
];

const ANA_TICKETS: DemoTicket[] = [
  {
    number: 1001,
    category: 'infra.mail.mailbox',
    urgency: 'low',
    description: 'Necesitamos un buzón compartido facturas@ para el equipo de administración.',
    daysAgo: 20,
    solution: 'Buzón creado y asignado a los cuatro miembros del equipo.',
    closed: true,
  },
  {
    number: 1002,
    category: 'software.erp.error',
    urgency: 'high',
    description:
      'Al cerrar el mes, el ERP muestra "Error 4012: período bloqueado" y no deja contabilizar.',
    daysAgo: 3,
    solution: 'Hemos desbloqueado el período 10/2026. Ya puede contabilizar de nuevo.',
  },
  {
    number: 1003,
    category: 'infra.network.vpn',
    urgency: 'medium',
    description:
      'Desde el lunes la VPN se desconecta cada pocos minutos en los portátiles de ventas.',
    daysAgo: 1,
  },
];

/** Loads the demo once: does nothing when the database already has customers. */
export async function loadDemoData(
  db: Database,
  tree: CategoryInput[],
  iterations: number,
  now: Date,
): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(customers);
  if (existing!.n > 0) return false;

  await saveCategoryTree(db, tree);
  const ana = await createCustomer(
    db,
    { ...DEMO_LOGIN, name: 'Ana García', organization: DEMO_ORGANIZATION, language: 'es' },
    iterations,
    now,
  );
  const bruno = await createCustomer(db, { ...DEMO_PARTNER_USER, language: 'pt' }, iterations, now);

  const colleagues = await loadDemoOrganization(db, DEMO_LOGIN.password, iterations, now);

  const leafTypes = new Map<string, 'incident' | 'request'>();
  const collect = (nodes: CategoryInput[]) =>
    nodes.forEach((node) =>
      node.type ? leafTypes.set(node.id, node.type) : collect(node.children ?? []),
    );
  collect(tree);

  const demoTicket = demoTicketWrites(db, leafTypes, colleagues, now);
  for (const demo of ANA_TICKETS) await db.batch(demoTicket(demo, ana));
  for (const demo of BRUNO_TICKETS) await db.batch(demoTicket(demo, bruno));
  return true;
}

/** The writes of one demo ticket and its timeline, in the state the demo gives it. */
function demoTicketWrites(
  db: Database,
  leafTypes: Map<string, 'incident' | 'request'>,
  colleagues: CustomerRow[],
  now: Date,
) {
  const desk: Actor = { type: 'desk', id: null, name: null };
  return (demo: DemoTicket, requester: CustomerRow) => {
    const customer: Actor = { type: 'customer', id: requester.id, name: requester.name };
    const id = crypto.randomUUID();
    const created = new Date(now.getTime() - demo.daysAgo * DAY);
    const later = new Date(created.getTime() + DAY / 2);
    const status = demo.closed ? 'closed' : demo.solution ? 'resolved' : 'in_progress';
    return [
      db.insert(tickets).values({
        id,
        number: demo.number,
        customerId: requester.id,
        organization: requester.organization,
        categoryId: demo.category,
        type: leafTypes.get(demo.category) ?? 'incident',
        urgency: demo.urgency,
        description: demo.description,
        title: ticketTitle(demo.description),
        firstResponseDueAt: new Date(
          created.getTime() + DEFAULT_FIRST_RESPONSE_HOURS[demo.urgency] * 3_600_000,
        ),
        firstRespondedAt: demo.solution ? later : null,
        status,
        solution: demo.solution ?? null,
        solutionProposedAt: demo.solution ? later : null,
        createdAt: created,
        updatedAt: later,
        closedAt: demo.closed ? later : null,
        revision: crypto.randomUUID(),
      }),
      eventInsert(db, id, customer, { kind: 'created', status: 'new' }, created),
      ...demoCopyWrites(db, { id, number: demo.number }, requester, colleagues, created),
      eventInsert(db, id, desk, { kind: 'status_changed', status: 'in_progress' }, created),
      ...(demo.solution
        ? [
            eventInsert(
              db,
              id,
              desk,
              { kind: 'solution_proposed', text: demo.solution, status: 'resolved' },
              later,
            ),
          ]
        : []),
      ...(demo.closed
        ? [eventInsert(db, id, customer, { kind: 'solution_accepted', status: 'closed' }, later)]
        : []),
    ] as const;
  };
}

/** Whether the database holds the demo's customers, whose passwords are public. */
export async function hasDemoData(db: Database): Promise<boolean> {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.email, DEMO_LOGIN.email))
    .limit(1);
  return rows.length > 0;
}
