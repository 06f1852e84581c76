/**
 * @module
 * Speaking to the customer API as a logged-in customer would, with paths from the contract.
 */
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { SessionCreated, TicketDetails } from '../../contract/types.ts';
import type { TestPortal } from './app.ts';

export async function logIn(portal: TestPortal, email: string, password: string) {
  const response = await portal.request(ROUTES.session, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 201)
    throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const session = (await response.json()) as SessionCreated;
  return new CustomerSession(portal, session.token);
}

export class CustomerSession {
  constructor(
    private readonly portal: TestPortal,
    readonly token: string,
  ) {}

  request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return this.portal.request(path, { ...init, headers });
  }

  json(path: string, method: string, body: unknown) {
    return this.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async createTicket(
    fields: Record<string, string> = {},
    file?: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string },
  ) {
    const form = new FormData();
    const all = {
      category: 'software.erp.error',
      urgency: 'high',
      description: 'The ERP shows error 4012.',
      ...fields,
    };
    for (const [key, value] of Object.entries(all)) form.set(key, value);
    if (file)
      form.set(
        'file',
        new File([file.bytes], file.name, { type: file.type ?? 'application/octet-stream' }),
      );
    return this.request(ROUTES.tickets, { method: 'POST', body: form });
  }

  async newTicket(fields: Record<string, string> = {}): Promise<TicketDetails> {
    const response = await this.createTicket(fields);
    if (response.status !== 201) throw new Error(`create failed: ${await response.text()}`);
    return (await response.json()) as TicketDetails;
  }

  ticket(number: number) {
    return this.request(apiPath(ROUTES.ticket, { number }));
  }
}
