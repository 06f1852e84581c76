/**
 * @module
 * A customer speaking to a running server over real HTTP, with paths from the contract: what
 * the widget does, without the widget.
 */
import { ROUTES } from '../../../contract/routes.ts';
import type { SessionCreated } from '../../../contract/types.ts';
import type { Login } from './sqld.ts';

export function postLogin(baseUrl: string, login: Login) {
  return fetch(new URL(ROUTES.session, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login),
  });
}

export async function logIn(baseUrl: string, login: Login): Promise<HttpCustomer> {
  const response = await postLogin(baseUrl, login);
  if (response.status !== 201) {
    throw new Error(`login failed: ${response.status} ${await response.text()}`);
  }
  const session = (await response.json()) as SessionCreated;
  return new HttpCustomer(baseUrl, session.token);
}

export interface UploadFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer> | string;
}

export class HttpCustomer {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return fetch(new URL(path, this.baseUrl), { ...init, headers });
  }

  postJson(path: string, body: unknown) {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** Posts a multipart form, as the widget's new-ticket and attach screens do. */
  postForm(path: string, fields: Record<string, string>, file?: UploadFile) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    if (file) form.set('file', new File([file.bytes], file.name));
    return this.request(path, { method: 'POST', body: form });
  }

  createTicket(fields: Record<string, string> = {}, file?: UploadFile) {
    return this.postForm(
      ROUTES.tickets,
      {
        category: 'software.erp.error',
        urgency: 'high',
        description: 'Closing the month, the ERP says "Error 4012: period locked".',
        ...fields,
      },
      file,
    );
  }
}
