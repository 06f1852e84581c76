/**
 * @module
 * A real libSQL server (sqld) for a runtime test (edge/node/sqld.ts), started on a free
 * port over a fresh folder, migrated and loaded from Node with the same code the admin command
 * uses: the demo category tree and the customers the test asks for; and the service desk's side,
 * played with the same `ticketChange` the desk's own routes use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import type { CategoryInput } from '../../../contract/category-tree.ts';
import { saveCategoryTree } from '../../../edge/db/category-tree.ts';
import { createCustomer } from '../../../edge/db/customers.ts';
import * as schema from '../../../edge/db/schema.ts';
import { ticketChange } from '../../../edge/domain/events.ts';
import { applyMigrations } from '../../../edge/node/migrate.ts';
import type { Database } from '../../../edge/ports.ts';
import {
  freePort,
  removeFolder,
  REPO_ROOT,
  temporaryFolder,
} from '../../../edge/node/child-servers.ts';
import { startSqldServer } from '../../../edge/node/sqld.ts';

export interface Login {
  email: string;
  password: string;
}

export interface LibsqlServer {
  url: string;
  /** A Node client of the same database, to check what the API stored. */
  db: Database;
  /** The same client without drizzle, for raw reads (a fingerprint of every table). */
  client: Client;
  /** Creates a customer with a password and returns how to log in as them. */
  createCustomer(name: string, iterations: number): Promise<Login>;
  /** The desk proposes a solution, as of `at`. */
  proposeSolution(number: number, solution: string, at: Date): Promise<void>;
  /** Kills sqld with SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts sqld again after `kill`, on the same folder and port; resolves once it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSqld(): Promise<LibsqlServer> {
  const dir = temporaryFolder('portal-sqld-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const launch = () => startSqldServer({ dbPath: join(dir, 'db'), port });
  let server = await launch();
  const client = createClient({ url });
  const db = drizzle(client, { schema });
  const tree: CategoryInput[] = JSON.parse(
    readFileSync(join(REPO_ROOT, 'demo/categories.json'), 'utf8'),
  );
  await applyMigrations(db);
  await saveCategoryTree(db, tree);

  return {
    url,
    db,
    client,
    async createCustomer(name, iterations) {
      const slug = `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}`;
      const login = { email: `${slug}@example.com`, password: `password-${slug}` };
      await createCustomer(db, { ...login, name }, iterations, new Date());
      return login;
    },
    async proposeSolution(number, solution, at) {
      const [ticket] = await db
        .select({ id: schema.tickets.id })
        .from(schema.tickets)
        .where(eq(schema.tickets.number, number));
      const applied = await ticketChange(
        db,
        ticket!.id,
        { type: 'desk', id: null, name: null },
        {
          from: ['new', 'in_progress'],
          set: { status: 'resolved', solution, solutionProposedAt: at },
          events: [{ kind: 'solution_proposed', text: solution, status: 'resolved' }],
        },
        at,
      );
      if (!applied) throw new Error(`could not propose a solution for ticket ${number}`);
    },
    kill: () => server.kill(),
    async restart() {
      server = await launch();
    },
    async stop() {
      client.close();
      await server.stop();
      removeFolder(dir);
    },
  };
}
