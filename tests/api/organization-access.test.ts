/**
 * The organization access matrix: every customer route that names a ticket, and the lists, for
 * the requester, a colleague in copy, a manager of the organization, a neighbour of the same
 * organization not in copy, and a manager of another organization. Each cell runs on a fresh
 * resolved ticket; a refusal has its stable code and changes nothing, and a "not found" has
 * exactly the body of a ticket that does not exist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails, TicketPage } from '../../contract/types.ts';
import { fingerprint } from '../security/support.ts';
import { startPortal, type TestPortal } from '../support/app.ts';
import type { CustomerSession } from '../support/customer.ts';
import { proposeSolution } from '../support/desk.ts';
import { PNG } from '../support/files.ts';
import {
  ROLES,
  startOrganization,
  ticketInCopy,
  type Organization,
  type Who,
} from '../support/organization.ts';

let portal: TestPortal;
let org: Organization;
before(async () => {
  portal = await startPortal();
  org = await startOrganization(portal);
});
after(() => portal.close());

type Call = (
  as: CustomerSession,
  ticket: { number: number; attachmentId: string },
) => Response | Promise<Response>;

const png = () => {
  const form = new FormData();
  form.set('file', new File([PNG], 'more.png', { type: 'image/png' }));
  return form;
};

/** Each route, how to call it, and the status each caller gets (404: as if it did not exist). */
const MATRIX: {
  route: string;
  call: Call;
  expect: Record<Who, number>;
  /** The requester accepts the solution first: the route is for closed tickets. */
  closed?: boolean;
}[] = [
  {
    route: 'details',
    call: (as, { number }) => as.request(apiPath(ROUTES.ticket, { number })),
    expect: { requester: 200, colleague: 200, manager: 200, neighbour: 404, outsider: 404 },
  },
  {
    route: 'add information',
    call: (as, { number }) =>
      as.json(apiPath(ROUTES.information, { number }), 'POST', { text: 'More details.' }),
    expect: { requester: 200, colleague: 200, manager: 403, neighbour: 404, outsider: 404 },
  },
  {
    route: 'attach a file',
    call: (as, { number }) =>
      as.request(apiPath(ROUTES.attachments, { number }), { method: 'POST', body: png() }),
    expect: { requester: 201, colleague: 201, manager: 403, neighbour: 404, outsider: 404 },
  },
  {
    route: 'download an attachment',
    call: (as, { number, attachmentId }) =>
      as.request(apiPath(ROUTES.attachment, { number, id: attachmentId })),
    expect: { requester: 200, colleague: 200, manager: 200, neighbour: 404, outsider: 404 },
  },
  {
    route: 'accept the solution',
    call: (as, { number }) => as.request(apiPath(ROUTES.accept, { number }), { method: 'POST' }),
    expect: { requester: 200, colleague: 403, manager: 403, neighbour: 404, outsider: 404 },
  },
  {
    route: 'reject the solution',
    call: (as, { number }) =>
      as.json(apiPath(ROUTES.reject, { number }), 'POST', { reason: 'Still failing.' }),
    expect: { requester: 200, colleague: 403, manager: 403, neighbour: 404, outsider: 404 },
  },
  {
    route: 'put colleagues in copy',
    call: (as, { number }) =>
      as.json(apiPath(ROUTES.ticketColleagues, { number }), 'POST', { add: [org.neighbour.id] }),
    expect: { requester: 200, colleague: 200, manager: 403, neighbour: 404, outsider: 404 },
  },
  {
    route: 'rate',
    closed: true,
    call: (as, { number }) => as.json(apiPath(ROUTES.rating, { number }), 'PUT', { score: 5 }),
    expect: { requester: 200, colleague: 403, manager: 403, neighbour: 404, outsider: 404 },
  },
];

const MISSING = { number: 999_999 };

describe('organization access matrix', () => {
  for (const { route, call, expect, closed } of MATRIX) {
    for (const who of ROLES) {
      test(`${route} as ${who}: ${expect[who]}`, async () => {
        const ticket = await ticketInCopy(org);
        await proposeSolution(portal, ticket.number, 'Restart the service.');
        if (closed) {
          const accepted = await org.requester.session.request(
            apiPath(ROUTES.accept, { number: ticket.number }),
            { method: 'POST' },
          );
          assert.equal(accepted.status, 200);
        }
        const target = { number: ticket.number, attachmentId: ticket.attachments[0]!.id };
        const as = org[who].session;
        const before = await fingerprint(portal.client);
        const response = await call(as, target);
        assert.equal(response.status, expect[who], await response.clone().text());
        if (expect[who] >= 400) {
          const body = await response.json();
          if (expect[who] === 404) {
            const missing = await call(as, { ...MISSING, attachmentId: target.attachmentId });
            assert.deepEqual(body, await missing.json());
          } else {
            assert.equal(body.error.code, 'requester_only');
          }
          assert.deepEqual(await fingerprint(portal.client), before, 'a refusal changed nothing');
        }
      });
    }
  }
});

describe('lists', () => {
  let ticket: TicketDetails;
  before(async () => {
    ticket = await ticketInCopy(org);
  });

  const list = (who: Who, scope: string) =>
    org[who].session.request(`${ROUTES.tickets}?state=open&scope=${scope}&limit=50`);

  const LISTS: { scope: string; expect: Record<Who, 'listed' | 'absent' | 'refused'> }[] = [
    {
      scope: 'mine',
      expect: {
        requester: 'listed',
        colleague: 'listed',
        manager: 'absent',
        neighbour: 'absent',
        outsider: 'absent',
      },
    },
    {
      scope: 'organization',
      expect: {
        requester: 'refused',
        colleague: 'refused',
        manager: 'listed',
        neighbour: 'refused',
        outsider: 'absent',
      },
    },
  ];
  for (const { scope, expect } of LISTS) {
    for (const who of ROLES) {
      test(`scope=${scope} as ${who}: ${expect[who]}`, async () => {
        const response = await list(who, scope);
        if (expect[who] === 'refused') {
          assert.equal(response.status, 400);
          const body = await response.json();
          assert.equal(body.error.code, 'validation_failed');
          assert.deepEqual(body.error.fields, { scope: 'not_allowed' });
          return;
        }
        assert.equal(response.status, 200);
        const page = (await response.json()) as TicketPage;
        const numbers = page.items.map((item) => item.number);
        assert.equal(numbers.includes(ticket.number), expect[who] === 'listed');
      });
    }
  }
});
