import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { TicketDetails, TicketPage } from '../../contract/types.ts';
import { mailOutbox, tickets, webhookDeliveries } from '../../edge/db/schema.ts';
import type { PrivateRt } from '../../edge/node/private-rt.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { PDF, PNG } from '../support/files.ts';
import {
  connectedPortal,
  rtAgent,
  type ConnectedPortal,
  type RtAgent,
  startTestRt,
} from './support.ts';

let rt: PrivateRt;
let agent: RtAgent;
let portal: ConnectedPortal;
let session: CustomerSession;
let customer: { id: string; email: string; name: string };
let colleague: { id: string; email: string };

before(async () => {
  rt = await startTestRt();
  agent = rtAgent(rt);
  portal = await connectedPortal(rt);
  const created = await portal.createCustomer({ name: 'Marta Puig', organization: 'Puig SL' });
  customer = created;
  colleague = await portal.createCustomer({ name: 'Pau Vila', organization: 'Puig SL' });
  session = await logIn(portal, created.email, created.password);
});
after(async () => {
  portal?.close();
  await rt?.stop();
});

async function ticketId(number: number): Promise<string> {
  const [row] = await portal.db.select().from(tickets).where(eq(tickets.number, number));
  return row!.id;
}

/** A new portal ticket, synced: its RT ticket's id. */
async function newSyncedTicket(fields: Record<string, string> = {}) {
  const details = await session.newTicket(fields);
  await portal.sync();
  const rtId = await agent.ticketOf(await ticketId(details.number));
  assert.ok(rtId, 'the RT ticket exists');
  return { number: details.number, rtId };
}

async function details(number: number): Promise<TicketDetails> {
  return (await (await session.ticket(number)).json()) as TicketDetails;
}

/** Whether the customer's list marks the ticket with a new reply (without opening it). */
async function newReply(number: number): Promise<boolean | undefined> {
  const page = (await (await session.request(`${ROUTES.tickets}?state=open`)).json()) as TicketPage;
  return page.items.find((item) => item.number === number)?.newReply;
}

describe('portal → RT', () => {
  test('a new ticket with a file: queue by category, requestor, Cc, priority, identical bytes', async () => {
    const response = await session.createTicket(
      {
        category: 'infra.network.vpn',
        urgency: 'critical',
        description: 'The VPN drops every ten minutes.',
        colleagues: colleague.id,
      },
      { name: 'trace.pdf', bytes: PDF, type: 'application/pdf' },
    );
    assert.equal(response.status, 201);
    const { number } = (await response.json()) as TicketDetails;
    const report = await portal.sync();
    assert.deepEqual([report.push.failed, report.push.dead], [0, 0]);
    const rtId = await agent.ticketOf(await ticketId(number));
    assert.ok(rtId);
    const ticket = await agent.ticket(rtId);
    assert.equal((ticket.Queue as { id: string }).id, await queueId('Infrastructure'));
    assert.equal(ticket.Priority, '100');
    assert.deepEqual(
      (ticket.Requestor as { id: string }[]).map((user) => user.id),
      [customer.email],
    );
    assert.deepEqual(
      (ticket.Cc as { id: string }[]).map((user) => user.id),
      [colleague.email],
    );
    assert.equal(ticket.Subject, 'The VPN drops every ten minutes.');
    const [create] = await agent.messages(rtId);
    assert.equal(create!.type, 'Create');
    assert.equal(create!.text.trim(), 'The VPN drops every ten minutes.');
    assert.equal(create!.files.length, 1);
    assert.equal(create!.files[0]!.name, 'trace.pdf');
    assert.deepEqual(create!.files[0]!.bytes, PDF);
  });

  test('a ticket of a category without a mapping goes to the default queue', async () => {
    const { rtId } = await newSyncedTicket({ category: 'other' });
    const ticket = await agent.ticket(rtId);
    assert.equal((ticket.Queue as { id: string }).id, await queueId('General'));
  });

  test("a customer's reply with a file becomes RT correspondence with it", async () => {
    const { number, rtId } = await newSyncedTicket();
    const added = await session.json(apiPath(ROUTES.information, { number }), 'POST', {
      text: 'It happens on every laptop.',
    });
    assert.equal(added.status, 200);
    const form = new FormData();
    form.set('file', new File([PNG], 'screen.png', { type: 'image/png' }));
    const attached = await session.request(apiPath(ROUTES.attachments, { number }), {
      method: 'POST',
      body: form,
    });
    assert.equal(attached.status, 201);
    await portal.sync();
    const replies = (await agent.messages(rtId)).filter((m) => m.type === 'Correspond');
    assert.equal(replies.length, 2);
    assert.match(replies[0]!.text, /Marta Puig <.*>:\n\nIt happens on every laptop\./);
    assert.deepEqual(replies[0]!.files, []);
    assert.equal(replies[1]!.files[0]!.name, 'screen.png');
    assert.deepEqual(replies[1]!.files[0]!.bytes, PNG);
  });
});

describe('RT → portal', () => {
  test('agent correspondence: a desk message in the thread, with its file, unread, e-mailed', async () => {
    const { number, rtId } = await newSyncedTicket();
    assert.equal(await newReply(number), false);
    await agent.correspond(rtId, 'Please restart the router.', [
      { name: 'steps.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    await portal.sync();
    // Marked for the customer until they open the ticket.
    assert.equal(await newReply(number), true);
    const ticket = await details(number);
    assert.equal(await newReply(number), false);
    // RT opened the ticket as the agent answered: the desk is working on it.
    assert.equal(ticket.status, 'in_progress');
    const comments = ticket.timeline.filter((event) => event.kind === 'public_comment');
    assert.equal(comments.length, 1);
    assert.equal(comments[0]!.text?.trim(), 'Please restart the router.');
    assert.equal(comments[0]!.actor.type, 'desk');
    const file = ticket.attachments.find((a) => a.id === comments[0]!.attachmentId);
    assert.equal(file?.name, 'steps.pdf');
    const download = await session.request(
      apiPath(ROUTES.attachment, { number, id: comments[0]!.attachmentId! }),
    );
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PDF);
    const mail = await portal.db.select().from(mailOutbox).where(eq(mailOutbox.to, customer.email));
    assert.ok(mail.some((m) => m.text.includes('Please restart the router.')));
    // Once: a second sync brings nothing new.
    assert.equal((await portal.sync()).pull.applied, 0);
    assert.equal(
      (await details(number)).timeline.filter((e) => e.kind === 'public_comment').length,
      1,
    );
  });

  test("a reply written in RT's web interface (HTML only) reaches the thread as its text", async () => {
    const { number, rtId } = await newSyncedTicket();
    await agent.correspondHtml(
      rtId,
      '<p>Hello Marta,</p>\n<p>please <b>restart</b> the&nbsp;router &amp; try again.<br>Thanks</p><script>alert(1)</script>',
    );
    await portal.sync();
    const comments = (await details(number)).timeline.filter((e) => e.kind === 'public_comment');
    assert.deepEqual(
      comments.map((comment) => comment.text),
      ['Hello Marta,\n\nplease restart the router & try again.\nThanks'],
    );
  });

  test('an internal comment never reaches the portal, its mail or its webhooks', async () => {
    const { number, rtId } = await newSyncedTicket();
    const before = await details(number);
    const mailBefore = (await portal.db.select().from(mailOutbox)).length;
    const hooksBefore = (await portal.db.select().from(webhookDeliveries)).length;
    await agent.comment(rtId, 'Internal: this customer is on the old contract.');
    const report = await portal.sync();
    assert.equal(report.pull.applied, 0);
    assert.equal(await newReply(number), false);
    const after = await details(number);
    assert.deepEqual(after.timeline, before.timeline);
    assert.equal((await portal.db.select().from(mailOutbox)).length, mailBefore);
    assert.equal((await portal.db.select().from(webhookDeliveries)).length, hooksBefore);
    assert.ok(!JSON.stringify(after).includes('old contract'));
  });

  test('resolve → solution proposed with the last reply; accept → RT resolved', async () => {
    const { number, rtId } = await newSyncedTicket();
    await agent.correspond(rtId, 'The certificate was renewed.');
    await agent.setStatus(rtId, 'resolved');
    await portal.sync();
    const proposed = await details(number);
    assert.equal(proposed.status, 'resolved');
    assert.equal(proposed.solution?.trim(), 'The certificate was renewed.');
    const accepted = await session.request(apiPath(ROUTES.accept, { number }), { method: 'POST' });
    assert.equal(accepted.status, 200);
    await portal.sync();
    assert.equal((await agent.ticket(rtId)).Status, 'resolved');
    assert.equal((await details(number)).status, 'closed');
  });

  test('an agent reopening a resolved ticket takes the solution back; resolving again proposes anew', async () => {
    const { number, rtId } = await newSyncedTicket();
    await agent.correspond(rtId, 'Restarting the service should do.');
    await agent.setStatus(rtId, 'resolved');
    await portal.sync();
    assert.equal((await details(number)).status, 'resolved');
    await agent.setStatus(rtId, 'open');
    await portal.sync();
    const reopened = await details(number);
    assert.equal(reopened.status, 'in_progress');
    assert.equal(reopened.solutionPending, false);
    assert.equal(reopened.solution, null);
    assert.equal(reopened.timeline.at(-1)!.kind, 'status_changed');
    assert.equal(reopened.timeline.at(-1)!.status, 'in_progress');
    // The withdrawn solution can no longer be accepted.
    const accepted = await session.request(apiPath(ROUTES.accept, { number }), { method: 'POST' });
    assert.equal(accepted.status, 409);
    assert.equal((await agent.ticket(rtId)).Status, 'open');

    await agent.correspond(rtId, 'It was the disk: replaced.');
    await agent.setStatus(rtId, 'resolved');
    await portal.sync();
    const proposed = await details(number);
    assert.equal(proposed.status, 'resolved');
    assert.equal(proposed.solution?.trim(), 'It was the disk: replaced.');
  });

  test('reject → RT open again, the reason as correspondence', async () => {
    const { number, rtId } = await newSyncedTicket();
    await agent.correspond(rtId, 'Try clearing the cache.');
    await agent.setStatus(rtId, 'resolved');
    await portal.sync();
    const rejected = await session.json(apiPath(ROUTES.reject, { number }), 'POST', {
      reason: 'Still failing after clearing it.',
    });
    assert.equal(rejected.status, 200);
    await portal.sync();
    assert.equal((await agent.ticket(rtId)).Status, 'open');
    const last = (await agent.messages(rtId)).at(-1)!;
    assert.equal(last.type, 'Correspond');
    assert.match(last.text, /rejected the solution:\n\nStill failing after clearing it\./);
    assert.equal((await details(number)).status, 'in_progress');
  });

  test('stalled in RT → waiting for the customer; their reply → in progress, and RT hears it', async () => {
    const { number, rtId } = await newSyncedTicket();
    await agent.setStatus(rtId, 'stalled');
    await portal.sync();
    assert.equal((await details(number)).status, 'waiting_for_customer');
    const replied = await session.json(apiPath(ROUTES.information, { number }), 'POST', {
      text: 'Here is the log you asked for.',
    });
    assert.equal(replied.status, 200);
    assert.equal((await details(number)).status, 'in_progress');
    await portal.sync();
    const replies = (await agent.messages(rtId)).filter((m) => m.type === 'Correspond');
    assert.match(replies.at(-1)!.text, /Here is the log you asked for\./);
  });

  test('rejected in RT → closed in the portal', async () => {
    const { number, rtId } = await newSyncedTicket();
    await agent.setStatus(rtId, 'rejected');
    await portal.sync();
    assert.equal((await details(number)).status, 'closed');
  });

  test('RT tickets that did not come from the portal are left alone', async () => {
    const { id } = await agent.create('Printer on fire');
    await agent.correspond(id, 'On it.');
    const before = (await portal.db.select().from(tickets)).length;
    const report = await portal.sync();
    assert.equal(report.pull.applied, 0);
    assert.equal((await portal.db.select().from(tickets)).length, before);
  });
});

describe('follow-ups', () => {
  test('a follow-up refers to the RT ticket of the ticket it follows', async () => {
    const first = await newSyncedTicket();
    await agent.setStatus(first.rtId, 'rejected');
    await portal.sync();
    const second = await newSyncedTicket({ followUpOf: String(first.number) });
    const ticket = await agent.ticket(second.rtId);
    const refersTo = ((ticket._hyperlinks ?? []) as { ref: string; _url: string }[]).filter(
      (link) => link.ref === 'refers-to',
    );
    assert.deepEqual(
      refersTo.map((link) => link._url.split('/').at(-1)),
      [first.rtId],
    );
  });
});

async function queueId(name: string): Promise<string> {
  const response = await fetch(`${rt.url}/REST/2.0/queue/${name}`, {
    headers: { Authorization: rt.agentAuthorization },
  });
  return String(((await response.json()) as { id: number }).id);
}
