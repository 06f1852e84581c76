/**
 * The widget's client sends one Idempotency-Key per submit (replies and new tickets), against the
 * real test API: a double click writes once, a retry after an answer lost on the network writes once, and the same
 * content submitted again after an answer is a new submit.
 */
import { expect } from '@open-wc/testing';
import { ApiClient, ApiRequestError } from '../../widget/api/client.ts';
import { SessionStore } from '../../widget/session.ts';
import { API, newCustomer } from './helpers.ts';

async function clientWithTicket() {
  const customer = await newCustomer({ open: 1 });
  const client = new ApiClient(API, new SessionStore(`idempotency-${crypto.randomUUID()}`));
  await client.login(customer.email, customer.password);
  return { client, number: customer.tickets.open[0]! };
}

const reply = (client: ApiClient, number: number, text: string) => client.reply(number, text, null);

async function additions(client: ApiClient, number: number, text: string) {
  const ticket = await client.ticket(number);
  return ticket.timeline.filter((event) => event.text === text).length;
}

describe('Idempotency-Key from the widget', () => {
  it('a double click sends the reply once', async () => {
    const { client, number } = await clientWithTicket();
    await Promise.all([
      reply(client, number, 'Clicked twice'),
      reply(client, number, 'Clicked twice'),
    ]);
    expect(await additions(client, number, 'Clicked twice')).to.equal(1);
  });

  it('a retry after the answer was lost on the network sends it once', async () => {
    const { client, number } = await clientWithTicket();
    const realSend = XMLHttpRequest.prototype.send;
    // The request reaches the API (its answer's headers are back), its body never reaches the
    // widget: the connection drops.
    XMLHttpRequest.prototype.send = function (body) {
      XMLHttpRequest.prototype.send = realSend;
      this.addEventListener('readystatechange', () => {
        if (this.readyState === XMLHttpRequest.HEADERS_RECEIVED) this.abort();
      });
      realSend.call(this, body);
    };
    const lost = await reply(client, number, 'Sent once').catch((error) => error);
    expect(lost).to.be.instanceOf(ApiRequestError);
    expect(await additions(client, number, 'Sent once')).to.equal(1);
    await reply(client, number, 'Sent once');
    expect(await additions(client, number, 'Sent once')).to.equal(1);
  });

  it('the same text submitted again after an answer is a new submit', async () => {
    const { client, number } = await clientWithTicket();
    await reply(client, number, 'Said twice');
    await reply(client, number, 'Said twice');
    expect(await additions(client, number, 'Said twice')).to.equal(2);
  });

  it('a double click on a new ticket with a file creates one ticket', async () => {
    const { client } = await clientWithTicket();
    const file = new File(['%PDF-1.4 once'], 'once.pdf', { type: 'application/pdf' });
    const fields = {
      category: 'software.erp.error',
      urgency: 'high' as const,
      description: 'Double submit',
    };
    const [a, b] = await Promise.all([
      client.createTicket(fields, file),
      client.createTicket(fields, file),
    ]);
    expect(a.number).to.equal(b.number);
  });
});
