/**
 * @module
 * An organization to test access with: a requester, a colleague they put in copy, a manager, a
 * neighbour of the same organization in copy of nothing, and an outsider who manages another
 * organization; each logged in.
 */
import { updateDeskCustomer } from '../../edge/domain/desk-customers.ts';
import type { TicketDetails } from '../../contract/types.ts';
import type { TestPortal } from './app.ts';
import { logIn, type CustomerSession } from './customer.ts';
import { PNG } from './files.ts';

export const ROLES = ['requester', 'colleague', 'manager', 'neighbour', 'outsider'] as const;
export type Who = (typeof ROLES)[number];

export interface Member {
  id: string;
  name: string;
  email: string;
  session: CustomerSession;
}

export type Organization = Record<Who, Member> & { name: string };

export async function makeManager(portal: TestPortal, id: string, on = true) {
  await updateDeskCustomer(portal.db, id, { organizationManager: on }, portal.clock.now());
}

export async function startOrganization(portal: TestPortal): Promise<Organization> {
  const name = `Org ${crypto.randomUUID().slice(0, 6)}`;
  const member = async (who: Who, organization = name): Promise<Member> => {
    const row = await portal.createCustomer({ organization, name: `${who} of ${organization}` });
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      session: await logIn(portal, row.email, row.password),
    };
  };
  const [requester, colleague, manager, neighbour, outsider] = await Promise.all([
    member('requester'),
    member('colleague'),
    member('manager'),
    member('neighbour'),
    member('outsider', `${name} (another)`),
  ]);
  await makeManager(portal, manager.id);
  await makeManager(portal, outsider.id);
  return { name, requester, colleague, manager, neighbour, outsider };
}

/** A ticket of the organization's requester with the colleague in copy and one attachment. */
export async function ticketInCopy(org: Organization): Promise<TicketDetails> {
  const response = await org.requester.session.createTicket(
    { colleagues: org.colleague.id },
    { name: 'shared.png', bytes: PNG, type: 'image/png' },
  );
  if (response.status !== 201) throw new Error(`create failed: ${await response.text()}`);
  return (await response.json()) as TicketDetails;
}
