/**
 * @module
 * A customer's data on request (edge/domain/customer-data.ts): `customer:export` writes
 * `<out>/customer.json` (profile, tickets with their thread and files, ratings) and each file's
 * bytes under `<out>/files/`; `customer:erase` removes what can go and replaces the customer's
 * name and e-mail in what must stay.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eraseCustomer, exportCustomer, findCustomerByEmail } from '../../domain/customer-data.ts';
import type { Database } from '../../ports.ts';
import { options, required, UsageError, type AdminCommand } from './command.ts';

async function customerNamed(db: Database, email: string | undefined) {
  const customer = await findCustomerByEmail(db, required(email, 'email'));
  if (!customer) throw new UsageError(`no customer with the e-mail ${email}`);
  return customer;
}

export const customerDataCommands: Record<string, AdminCommand> = {
  'customer:export': {
    usage: '--email <e-mail> [--out <folder>]',
    summary:
      "Write the customer's data to <folder>/customer.json and their files to <folder>/files/ (default folder: export-<id>).",
    async run(args, { db, store }, out) {
      const { values } = options(args, { email: { type: 'string' }, out: { type: 'string' } });
      const customer = await customerNamed(db, values.email);
      const { storageKeys, ...data } = await exportCustomer(db, customer);
      const folder = values.out ?? `export-${customer.id}`;
      mkdirSync(join(folder, 'files'), { recursive: true });
      for (const ticket of data.tickets) {
        for (const file of ticket.files) {
          const stored = await store.get(storageKeys[file.id]!);
          if (!stored) continue;
          const bytes = new Uint8Array(await new Response(stored.body).arrayBuffer());
          writeFileSync(
            join(folder, 'files', `${file.id}-${file.name.replace(/[/\\\0]/g, '_')}`),
            bytes,
          );
        }
      }
      writeFileSync(join(folder, 'customer.json'), `${JSON.stringify(data, null, 2)}\n`);
      out.log(`Exported ${customer.email}: ${data.tickets.length} tickets to ${folder}/`);
    },
  },
  'customer:erase': {
    usage: '--email <e-mail>',
    summary:
      'Erase a customer: sessions, links and uploaded files removed; their name and e-mail in tickets replaced by a placeholder.',
    async run(args, { db, store, clock }, out) {
      const { values } = options(args, { email: { type: 'string' } });
      const customer = await customerNamed(db, values.email);
      const report = await eraseCustomer(db, store, customer, clock.now());
      out.log(
        `Erased ${customer.id}: ${report.sessions} sessions, ${report.files} files; ${report.tickets} tickets kept under a placeholder`,
      );
    },
  },
};
