/**
 * The libSQL server (sqld) killed and restarted under load, on the Workers path: `wrangler dev`
 * (workerd) with several customers listing and creating tickets at once. While sqld is down,
 * every request is answered, not left hanging, with 503 `service_unavailable` and a
 * `Retry-After`; never a 500 (nor when sqld's write lock, held by the other writers, makes one
 * wait too long: SQLITE_BUSY is a 503 too). Once sqld is back, requests succeed again, and every
 * create that was acknowledged with a 201 is stored and readable by its owner.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { ROUTES, apiPath } from '../../contract/routes.ts';
import { isErrorBody } from '../../contract/errors.ts';
import type { TicketDetails } from '../../contract/types.ts';
import { tickets } from '../../edge/db/schema.ts';
import { logIn, type HttpCustomer } from './support/http-customer.ts';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const CUSTOMERS = 6;
/** A request that has not been answered by then is a hang: the test fails on it. */
const HANG_MS = 30_000;

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;
let customers: HttpCustomer[];

before(
  async () => {
    sqld = await startSqld();
    const logins = await Promise.all(
      Array.from({ length: CUSTOMERS }, (_, i) => sqld!.createCustomer(`Load${i}`, 10_000)),
    );
    worker = await startWranglerDev({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      PBKDF2_ITERATIONS: '10000',
    });
    customers = [];
    for (const login of logins) customers.push(await logIn(worker.url, login));
  },
  { timeout: 120_000 },
);

after(async () => {
  await Promise.allSettled([worker?.stop(), sqld?.stop()]);
});

interface Outcome {
  kind: 'create' | 'list';
  customer: number;
  startedAt: number;
  endedAt: number;
  /** The HTTP status, or 0 when no answer came within HANG_MS. */
  status: number;
  code?: string;
  retryAfter: string | null;
  /** The number of an acknowledged create. */
  number?: number;
}

async function send(kind: Outcome['kind'], customer: number): Promise<Outcome> {
  const api = customers[customer]!;
  const startedAt = performance.now();
  const signal = AbortSignal.timeout(HANG_MS);
  let response: Response;
  try {
    response =
      kind === 'create'
        ? await api.request(ROUTES.tickets, {
            method: 'POST',
            body: ticketForm(customer),
            signal,
          })
        : await api.request(`${ROUTES.tickets}?state=open`, { signal });
  } catch {
    return { kind, customer, startedAt, endedAt: performance.now(), status: 0, retryAfter: null };
  }
  const body: unknown = await response.json();
  return {
    kind,
    customer,
    startedAt,
    endedAt: performance.now(),
    status: response.status,
    code: isErrorBody(body) ? body.error.code : undefined,
    retryAfter: response.headers.get('retry-after'),
    number: response.status === 201 ? (body as TicketDetails).number : undefined,
  };
}

function ticketForm(customer: number) {
  const form = new FormData();
  form.set('category', 'software.erp.error');
  form.set('urgency', 'high');
  form.set('description', `Customer ${customer}: the ERP says "Error 4012: period locked".`);
  return form;
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test(
  'sqld killed and restarted under load: 503 while down, then recovery, no acknowledged create lost',
  {
    timeout: 240_000,
  },
  async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    // Each customer keeps one create and one list request in flight at all times.
    const load = Promise.all(
      customers.flatMap((_, customer) =>
        (['create', 'list'] as const).map(async (kind) => {
          while (running) {
            const outcome = await send(kind, customer);
            outcomes.push(outcome);
            // A moment's pause before trying again, as a client told to retry would take.
            if (outcome.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }),
      ),
    );
    const created = () => outcomes.filter((o) => o.status === 201).length;

    await until(() => created() >= 20, '20 creates acknowledged before the kill');
    await sqld!.kill();
    const killedAt = performance.now();
    const whileDown = () => outcomes.filter((o) => o.startedAt >= killedAt);
    await until(() => whileDown().length >= 3 * CUSTOMERS, 'requests answered while sqld is down');
    const restartingAt = performance.now();
    await sqld!.restart();
    const restartedAt = performance.now();
    const createdBeforeRestart = created();
    await until(
      () => outcomes.filter((o) => o.startedAt >= restartedAt && o.status === 201).length >= 20,
      '20 creates acknowledged after the restart',
    );
    running = false;
    await load;

    assert.deepEqual(
      outcomes.filter((o) => o.status === 0),
      [],
      'no request hangs',
    );
    assert.deepEqual(
      outcomes.filter((o) => ![200, 201, 503].includes(o.status)),
      [],
      `nothing but success or 503, never a 500:\n${worker!.output().slice(-3000)}`,
    );
    const down = outcomes.filter((o) => o.startedAt >= killedAt && o.endedAt <= restartingAt);
    assert.ok(down.length >= 3 * CUSTOMERS, `requests while down: ${down.length}`);
    for (const outcome of outcomes.filter((o) => o.status === 503 || down.includes(o))) {
      assert.equal(outcome.status, 503);
      assert.equal(outcome.code, 'service_unavailable');
      assert.match(outcome.retryAfter ?? '', /^[1-9]\d*$/, 'Retry-After in seconds');
    }

    // Recovered: every customer lists and creates again, one after the other.
    const fresh: Outcome[] = [];
    for (const customer of customers.keys()) {
      fresh.push(await send('list', customer), await send('create', customer));
    }
    assert.deepEqual(
      fresh.map((o) => o.status),
      customers.flatMap(() => [200, 201]),
    );

    // Every acknowledged create is stored, once, and its owner reads it back.
    const acknowledged = [...outcomes, ...fresh].filter((o) => o.status === 201);
    const numbers = acknowledged.map((o) => o.number!);
    assert.equal(new Set(numbers).size, numbers.length, 'numbers unique');
    const stored = await sqld!.db
      .select({ number: tickets.number })
      .from(tickets)
      .where(inArray(tickets.number, numbers));
    assert.equal(stored.length, numbers.length, 'every acknowledged create is stored');
    for (const { customer, number } of acknowledged) {
      const read = await customers[customer]!.request(apiPath(ROUTES.ticket, { number: number! }));
      assert.equal(read.status, 200, `ticket ${number} of customer ${customer}`);
    }
    console.log(
      `# sqld restart: ${outcomes.length + fresh.length} requests, ${acknowledged.length} creates acknowledged (${createdBeforeRestart} before the restart), ${down.length} answered while down (all 503), ${outcomes.filter((o) => o.status === 503).length} 503 in all, 0 lost`,
    );
  },
);
