/**
 * The widget's client sends one Idempotency-Key per submit, against the real test API: a double
 * click writes once, a retry after an answer lost on the network writes once, and the same
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

async function additions(client: ApiClient, number: number, text: string) {
  const ticket = await client.ticket(number);
  return ticket.timeline.filter((event) => event.text === text).length;
}

describe('Idempotency-Key from the widget', () => {
  it('a double click adds the information once', async () => {
    const { client, number } = await clientWithTicket();
    await Promise.all([
      client.addInformation(number, 'Clicked twice'),
      client.addInformation(number, 'Clicked twice'),
    ]);
    expect(await additions(client, number, 'Clicked twice')).to.equal(1);
  });

  it('a retry after the answer was lost on the network adds it once', async () => {
    const { client, number } = await clientWithTicket();
    const realFetch = window.fetch;
    // The request reaches the API, its answer never reaches the widget.
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      window.fetch = realFetch;
      await realFetch(...args);
      throw new TypeError('Failed to fetch');
    };
    const lost = await client.addInformation(number, 'Sent once').catch((error) => error);
    expect(lost).to.be.instanceOf(ApiRequestError);
    await client.addInformation(number, 'Sent once');
    expect(await additions(client, number, 'Sent once')).to.equal(1);
  });

  it('the same text submitted again after an answer is a new submit', async () => {
    const { client, number } = await clientWithTicket();
    await client.addInformation(number, 'Said twice');
    await client.addInformation(number, 'Said twice');
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
