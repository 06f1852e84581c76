/**
 * @module
 * The benchmark's database: the real migrations and the demo category tree, then customers with
 * a fixed number of tickets each, every ticket with a timeline, written with multi-row INSERTs in
 * large transactions. A generated file is kept under `.cache/bench/` and reused while the
 * migrations and this generator are unchanged; benchmarks that write work on a copy.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import SyncDatabase from 'libsql';

type Statement = SyncDatabase.Statement;
import { drizzle } from 'drizzle-orm/libsql';
import type { CategoryInput } from '../../contract/category-tree.ts';
import { saveCategoryTree } from '../../edge/db/category-tree.ts';
import * as schema from '../../edge/db/schema.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import { hashPassword } from '../../edge/lib/password.ts';
import { applyMigrations } from '../../edge/node/migrate.ts';
import { CACHE_DIR, REPO_ROOT } from './paths.ts';

/** Every generated customer logs in with this password. */
export const BENCH_PASSWORD = 'bench-password-2026';
/** The production hashing cost, so that log in costs what it costs in production. */
export const BENCH_ITERATIONS = 100_000;
/** Every customer has this many tickets: 10 000 customers make the 1 000 000 tickets. */
export const TICKETS_PER_CUSTOMER = 100;

export interface Dataset {
  file: string;
  customers: number;
  tickets: number;
  events: number;
  /** A desk integration key (its hash is in the database). */
  deskKey: string;
  /** How long generating took, or 0 when the cached file was reused. */
  generatedMs: number;
}

export const customerEmail = (i: number) => `customer-${i}@bench.example.com`;

/** Ticket numbers are dense: customer i owns 1001 + i*100 ... 1000 + (i+1)*100. */
export const ticketNumber = (customer: number, k: number) =>
  1001 + customer * TICKETS_PER_CUSTOMER + k;

const DAY = 86_400_000;
/** Every timestamp is before this instant, so "updated since" windows are reproducible. */
export const GENERATED_UNTIL = Date.UTC(2026, 10, 1);

const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;

function leaves(tree: CategoryInput[]): { id: string; type: string }[] {
  const out: { id: string; type: string }[] = [];
  const walk = (nodes: CategoryInput[]) =>
    nodes.forEach((node) => {
      if (node.type && !node.children?.length) out.push({ id: node.id, type: node.type });
      walk(node.children ?? []);
    });
  walk(tree);
  return out;
}

/** A small deterministic generator, so two runs build the same database. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width = 12) => n.toString(16).padStart(width, '0');

type Row = (string | number | null)[];

/**
 * Rows of one table, written 100 at a time by one multi-row INSERT prepared once (parsing a
 * statement costs more than running it), the remainder one row at a time.
 */
class Inserter {
  private static readonly ROWS = 100;
  private rows: Row[] = [];
  private readonly many: Statement;
  private readonly one: Statement;
  constructor(db: SyncDatabase.Database, table: string, columns: string[]) {
    const row = `(${columns.map(() => '?').join(',')})`;
    const insert = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
    this.many = db.prepare(insert + Array(Inserter.ROWS).fill(row).join(','));
    this.one = db.prepare(insert + row);
  }
  add(row: Row) {
    this.rows.push(row);
    if (this.rows.length === Inserter.ROWS) {
      this.many.run(this.rows.flat());
      this.rows = [];
    }
  }
  flush() {
    for (const row of this.rows) this.one.run(row);
    this.rows = [];
  }
}

async function generate(file: string, customers: number): Promise<Omit<Dataset, 'generatedMs'>> {
  const client = createClient({ url: `file:${file}` });
  const db = drizzle(client, { schema });
  await applyMigrations(db);
  const tree: CategoryInput[] = JSON.parse(
    readFileSync(join(REPO_ROOT, 'demo/categories.json'), 'utf8'),
  );
  await saveCategoryTree(db, tree);
  const leafList = leaves(tree);
  const passwordHash = await hashPassword(BENCH_PASSWORD, BENCH_ITERATIONS);
  const { key: deskKey } = await createIntegrationKey(db, 'bench', new Date(GENERATED_UNTIL));
  client.close();

  // A throwaway file until it is renamed: speed over durability while it is written.
  const sync = new SyncDatabase(file);
  sync.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000');
  const customerRows = new Inserter(sync, 'customers', [
    'id',
    'email',
    'name',
    'organization',
    'language',
    'password_hash',
    'created_at',
    'updated_at',
  ]);
  const ticketRows = new Inserter(sync, 'tickets', [
    'id',
    'number',
    'customer_id',
    'category_id',
    'type',
    'urgency',
    'description',
    'status',
    'solution',
    'solution_proposed_at',
    'created_at',
    'updated_at',
    'closed_at',
    'revision',
  ]);
  const eventRows = new Inserter(sync, 'ticket_events', [
    'id',
    'ticket_id',
    'kind',
    'actor_type',
    'actor_id',
    'actor_name',
    'text',
    'status',
    'created_at',
  ]);

  // Secondary indexes are dropped while the rows go in and built again after: sorting once is
  // far cheaper than inserting 1 000 000 rows into each index in random order. Except the
  // timeline's: the search index's trigger counts a ticket's additions through it (without it,
  // each addition scanned every event so far), and ticket ids go in ascending, so it only grows
  // at its end.
  const indexes = sync
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('tickets', 'ticket_events') AND name <> 'ticket_events_ticket_idx'",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sync.exec(`DROP INDEX ${index.name}`);

  const next = random(42);
  let events = 0;
  const CUSTOMERS_PER_TRANSACTION = 500;
  for (let first = 0; first < customers; first += CUSTOMERS_PER_TRANSACTION) {
    const last = Math.min(first + CUSTOMERS_PER_TRANSACTION, customers);
    sync.exec('BEGIN');
    // Parents before children, for the foreign keys.
    for (let c = first; c < last; c++) {
      const joined = GENERATED_UNTIL - 800 * DAY;
      customerRows.add([
        `c${hex(c)}`,
        customerEmail(c),
        `Customer ${c}`,
        `Org ${c % 500}`,
        'es',
        passwordHash,
        joined,
        joined,
      ]);
    }
    customerRows.flush();
    const timelines: Row[] = [];
    for (let c = first; c < last; c++) {
      const customerId = `c${hex(c)}`;
      const name = `Customer ${c}`;
      for (let k = 0; k < TICKETS_PER_CUSTOMER; k++) {
        const number = ticketNumber(c, k);
        const ticketId = `t${hex(number)}`;
        const leaf = leafList[Math.floor(next() * leafList.length)]!;
        // Older tickets are more likely closed; the newest ones mostly open.
        const age = (TICKETS_PER_CUSTOMER - k) / TICKETS_PER_CUSTOMER;
        const roll = next();
        const status =
          roll < age * 0.8
            ? 'closed'
            : roll < 0.85
              ? 'in_progress'
              : roll < 0.93
                ? 'new'
                : 'resolved';
        const created = GENERATED_UNTIL - Math.floor(age * 700 * DAY) - Math.floor(next() * DAY);
        const timeline: [string, string, string | null, string | null][] = [
          ['created', 'customer', null, 'new'],
        ];
        if (status !== 'new') timeline.push(['status_changed', 'desk', null, 'in_progress']);
        if (next() < 0.4)
          timeline.push(['information_added', 'customer', 'Still happening today.', null]);
        if (status === 'resolved' || status === 'closed') {
          timeline.push(['solution_proposed', 'desk', 'Restart the service.', 'resolved']);
        }
        if (status === 'closed') timeline.push(['solution_accepted', 'customer', null, 'closed']);
        const step = Math.floor(next() * 3 * DAY) + 60_000;
        const updated = created + (timeline.length - 1) * step;
        const solved = status === 'resolved' || status === 'closed';
        ticketRows.add([
          ticketId,
          number,
          customerId,
          leaf.id,
          leaf.type,
          URGENCIES[k % 4]!,
          `Ticket ${number}: the application stops responding when saving an invoice.`,
          status,
          solved ? 'Restart the service.' : null,
          solved ? updated - step : null,
          created,
          updated,
          status === 'closed' ? updated : null,
          `r${hex(number)}`,
        ]);
        timeline.forEach(([kind, actor, text, eventStatus], n) => {
          timelines.push([
            `e${hex(number)}${n}`,
            ticketId,
            kind,
            actor,
            actor === 'customer' ? customerId : null,
            actor === 'customer' ? name : 'Service desk',
            text,
            eventStatus,
            created + n * step,
          ]);
        });
        events += timeline.length;
      }
    }
    ticketRows.flush();
    timelines.forEach((row) => eventRows.add(row));
    eventRows.flush();
    sync.exec('COMMIT');
  }
  for (const index of indexes) sync.exec(index.sql);
  sync.exec('ANALYZE');
  // In the mode the portal opens it in: switching a file to WAL needs it to itself, and the
  // benchmark reads a fresh file while its servers start.
  sync.exec('PRAGMA journal_mode = WAL');
  sync.close();
  return { file, customers, tickets: customers * TICKETS_PER_CUSTOMER, events, deskKey };
}

/** The generator's own source and the migrations: a change to either makes a new file. */
function cacheKey(): string {
  const hash = createHash('sha256').update(readFileSync(new URL(import.meta.url)));
  const migrations = join(REPO_ROOT, 'migrations');
  for (const name of readdirSync(migrations)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    hash.update(readFileSync(join(migrations, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The database with `customers` customers of 100 tickets each, generated once and cached. */
export async function dataset(customers: number): Promise<Dataset> {
  const dir = join(CACHE_DIR, 'datasets');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${customers * TICKETS_PER_CUSTOMER}-tickets-${cacheKey()}`);
  const file = `${base}.db`;
  const meta = `${base}.json`;
  if (existsSync(file) && existsSync(meta)) {
    // The file's own path, not the one noted when made: the cache may have moved since.
    return { ...JSON.parse(readFileSync(meta, 'utf8')), file, generatedMs: 0 };
  }
  for (const old of readdirSync(dir)) {
    if (old.startsWith(`${customers * TICKETS_PER_CUSTOMER}-tickets-`)) rmSync(join(dir, old));
  }
  const started = performance.now();
  const made = await generate(`${file}.partial`, customers);
  const { renameSync, writeFileSync } = await import('node:fs');
  renameSync(`${file}.partial`, file);
  const result = { ...made, file };
  writeFileSync(meta, JSON.stringify(result));
  return { ...result, generatedMs: performance.now() - started };
}

/** A private copy of a dataset, for a benchmark that writes. */
export function copyOf(source: Dataset, dir: string): Dataset {
  const file = join(dir, 'portal.db');
  copyFileSync(source.file, file);
  return { ...source, file };
}
