/**
 * Rows of prepared queries mapped by a mapper made once per query (edge/db/row-mapping.ts)
 * against drizzle's own mapping of the same rows: the same objects with their keys in the same
 * order (answers are compared as JSON), dates, booleans and JSON columns decoded alike, on the
 * embedded default's file client and on `@libsql/client`. A left join, whose missing side
 * drizzle turns into `null`, keeps drizzle's mapping.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createClient, type Client } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import type { PreparedLike } from '../../edge/db/reads.ts';
import { withRowMapper } from '../../edge/db/row-mapping.ts';
import { categories, customers, sessions, ticketEvents, tickets } from '../../edge/db/schema.ts';
import { summaryColumns } from '../../edge/domain/tickets.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

let portal: TestPortal;
let reference: Client;

before(async () => {
  portal = await startPortal();
  const customer = await portal.createCustomer({ organization: 'Row Org' });
  const logIn = await portal.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customer.email, password: customer.password }),
  });
  assert.equal(logIn.status, 201);
  const form = new FormData();
  form.set('category', 'software.erp.error');
  form.set('urgency', 'high');
  form.set('description', 'The month will not close.');
  const { token } = (await logIn.json()) as { token: string };
  const created = await portal.request('/api/tickets', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  assert.equal(created.status, 201);
  reference = createClient({ url: `file:${join(portal.dir, 'portal.db')}` });
});
after(() => {
  reference.close();
  portal.close();
});

/** The same query twice: one keeps drizzle's mapping, the other gets the mapper. */
type Build = () => PreparedLike<unknown>;

async function sameRows(build: Build, mapped: boolean, values: Record<string, unknown> = {}) {
  const drizzles = build();
  const ours = withRowMapper(build());
  // Mapped by the mapper made once (its own methods), or left to drizzle's prototype.
  assert.equal(Object.hasOwn(ours, 'mapAllResult'), mapped);
  const { sql: text, params } = drizzles.getQuery();
  const args = params.map((param) =>
    typeof param === 'object' && param !== null && 'name' in param
      ? values[(param as { name: string }).name]
      : param,
  ) as never[];
  for (const client of [portal.client, reference]) {
    const { rows } = await client.execute({ sql: text, args });
    assert.ok(rows.length > 0, `${text}: no rows to compare`);
    const expected = drizzles.mapAllResult(rows);
    assert.equal(JSON.stringify(ours.mapAllResult(rows)), JSON.stringify(expected));
    assert.deepEqual(ours.mapAllResult(rows), expected);
    assert.deepEqual(ours.mapGetResult(rows), drizzles.mapGetResult(rows));
  }
  return ours;
}

test('a nested selection over an inner join maps as drizzle maps it', async () => {
  await sameRows(
    () =>
      portal.db
        .select({
          customer: customers,
          session: { id: sessions.id, expiresAt: sessions.expiresAt },
        })
        .from(sessions)
        .innerJoin(customers, eq(customers.id, sessions.customerId))
        .where(eq(customers.active, sql.placeholder('active')))
        .prepare(),
    true,
    { active: 1 },
  );
});

test('summary columns, constants and SQL with a decoder map as drizzle maps them', async () => {
  await sameRows(
    () =>
      portal.db
        .select({
          ...summaryColumns,
          role: sql<'requester'>`'requester'`,
          events:
            sql<number>`(select count(*) from ${ticketEvents} where ${ticketEvents.ticketId} = ${tickets.id})`.mapWith(
              Number,
            ),
        })
        .from(tickets)
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .prepare(),
    true,
  );
});

test('whole rows with JSON columns map as drizzle maps them', async () => {
  await sameRows(() => portal.db.select().from(categories).prepare(), true);
});

test('a left join keeps drizzle mapping, nulls for the side that is missing', async () => {
  const build = () =>
    portal.db
      .select({ event: ticketEvents, customer: customers })
      .from(ticketEvents)
      .leftJoin(customers, eq(customers.id, sql`'nobody'`))
      .prepare();
  const kept = await sameRows(build, false);
  const { rows } = await portal.client.execute(kept.getQuery().sql);
  assert.equal((kept.mapAllResult(rows) as { customer: unknown }[])[0]!.customer, null);
});
