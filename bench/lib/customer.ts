/**
 * @module
 * The benchmark's customer: logs in over HTTP and prepares the requests each figure sends.
 */
import { ROUTES, apiPath } from '../../contract/routes.ts';
import type { SessionCreated, TicketPage } from '../../contract/types.ts';
import { BENCH_PASSWORD, customerEmail } from './dataset.ts';
import type { Target } from './load.ts';
import { PNG } from '../../tests/support/files.ts';

export async function logIn(baseUrl: string, customer: number, log?: () => string) {
  // A first log in on a fresh server has been seen to fail with SQLITE_BUSY on the rate-limit
  // write (reported, not hidden: the figures only need a session); two more tries.
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(new URL(ROUTES.session, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: customerEmail(customer), password: BENCH_PASSWORD }),
    });
    if (response.status === 201) return ((await response.json()) as SessionCreated).token;
    if (response.status !== 500 || attempt === 3) {
      throw new Error(`log in: ${response.status} ${await response.text()}\n${log?.() ?? ''}`);
    }
    console.log(`log in: 500 on attempt ${attempt}, trying again`);
  }
}

/** A multipart body as a browser sends it, with its content type (boundary included). */
export async function multipart(fields: Record<string, string>, file?: File) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', file);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type')!,
  };
}

/**
 * A real 1x1 PNG followed by random bytes up to the size asked: accepted by content (readers stop
 * at the image's end), and different every time.
 */
export function pngOf(bytes: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += 65536) {
    crypto.getRandomValues(data.subarray(at, Math.min(at + 65536, bytes)));
  }
  data.set(PNG);
  return data;
}

export const NEW_TICKET = {
  category: 'software.erp.error',
  urgency: 'high',
  description: 'Closing the month, the ERP says "Error 4012: period locked".',
};

/** The customer's routes as load targets, for one logged-in customer. */
export async function customerTargets(baseUrl: string, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  const listUrl = new URL(`${ROUTES.tickets}?state=open`, baseUrl).href;
  const page = (await (await fetch(listUrl, { headers: auth })).json()) as TicketPage;
  const open = page.items[0]!.number;
  const allOpen = (await (
    await fetch(new URL(`${ROUTES.tickets}?state=open&limit=50`, baseUrl), { headers: auth })
  ).json()) as TicketPage;
  const plain = await multipart(NEW_TICKET);
  const withFile = await multipart(
    NEW_TICKET,
    new File([pngOf(1024 * 1024)], 'screenshot.png', { type: 'image/png' }),
  );
  const targets: Record<string, Target> = {
    'list open tickets': { url: listUrl, headers: auth },
    'ticket details': {
      url: new URL(apiPath(ROUTES.ticket, { number: open }), baseUrl).href,
      headers: auth,
    },
    'add information': {
      url: new URL(apiPath(ROUTES.information, { number: open }), baseUrl).href,
      // Spread over every open ticket, so no one timeline grows to thousands of additions.
      paths: allOpen.items.map((item) => apiPath(ROUTES.information, { number: item.number })),
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'It also happens with the web client.' }),
    },
    'create a ticket': {
      url: new URL(ROUTES.tickets, baseUrl).href,
      method: 'POST',
      headers: { ...auth, 'content-type': plain.contentType },
      body: plain.body,
      expect: 201,
    },
    'create a ticket with a 1 MB file': {
      url: new URL(ROUTES.tickets, baseUrl).href,
      method: 'POST',
      headers: { ...auth, 'content-type': withFile.contentType },
      body: withFile.body,
      expect: 201,
    },
  };
  return { targets, openTicket: open, listUrl, auth };
}

export function loginTarget(baseUrl: string, customer: number): Target {
  return {
    url: new URL(ROUTES.session, baseUrl).href,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customerEmail(customer), password: BENCH_PASSWORD }),
    expect: 201,
  };
}
