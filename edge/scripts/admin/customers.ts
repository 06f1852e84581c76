/**
 * @module
 * Admin commands for customers: create one, or import many from a CSV file with the columns
 * `email,name,organization,language,password` (organization, language and password optional),
 * or make one a manager of their organization.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import type { NewCustomer } from '../../../contract/customer-schema.ts';
import { createCustomer } from '../../db/customers.ts';
import { customers } from '../../db/schema.ts';
import type { AdminCommand } from './command.ts';
import { UsageError, describeError, options, required } from './command.ts';

export const customerCommands: Record<string, AdminCommand> = {
  'customer:create': {
    usage:
      '--email <e-mail> --name <name> [--organization <org>] [--language es|pt|en|fr|it|ca] [--password <password>]',
    summary: 'Create a customer; without a password, the first access sets one.',
    async run(args, { db, config, clock }, out) {
      const { values } = options(args, {
        email: { type: 'string' },
        name: { type: 'string' },
        organization: { type: 'string' },
        language: { type: 'string' },
        password: { type: 'string' },
      });
      const customer = await createCustomer(
        db,
        {
          email: required(values.email, 'email'),
          name: required(values.name, 'name'),
          organization: values.organization,
          language: values.language as NewCustomer['language'],
          password: values.password,
        },
        config.PBKDF2_ITERATIONS,
        clock.now(),
      );
      out.log(
        `Created customer ${customer.email} (${customer.id})${customer.passwordHash ? '' : ', no password yet'}`,
      );
    },
  },
  'customer:import': {
    usage: '<file.csv>',
    summary:
      'Create customers from a CSV file with a header row (email,name,organization,language,password).',
    async run(args, { db, config, clock }, out) {
      const { positionals } = options(args, {});
      const rows: Record<string, string>[] = parse(
        readFileSync(required(positionals[0], 'file'), 'utf8'),
        {
          columns: true,
          skip_empty_lines: true,
          trim: true,
        },
      );
      let created = 0;
      for (const [index, row] of rows.entries()) {
        try {
          await createCustomer(
            db,
            {
              email: row.email ?? '',
              name: row.name ?? '',
              organization: row.organization || undefined,
              language: (row.language || undefined) as NewCustomer['language'],
              password: row.password || undefined,
            },
            config.PBKDF2_ITERATIONS,
            clock.now(),
          );
          created++;
        } catch (error) {
          out.error(`Line ${index + 2} (${row.email}): ${describeError(error) ?? error}`);
        }
      }
      out.log(`Imported ${created} of ${rows.length} customers`);
    },
  },
  'customer:manager': {
    usage: '--email <e-mail> [--off]',
    summary:
      'Make a customer a manager of their organization (sees all its tickets, read-only); --off undoes it.',
    async run(args, { db, clock }, out) {
      const { values } = options(args, {
        email: { type: 'string' },
        off: { type: 'boolean' },
      });
      const email = required(values.email, 'email').trim().toLowerCase();
      const [customer] = await db.select().from(customers).where(eq(customers.email, email));
      if (!customer) throw new UsageError(`no customer with the e-mail ${email}`);
      const manager = !values.off;
      if (manager && !customer.organization) {
        throw new UsageError(`${email} has no organization to manage`);
      }
      await db
        .update(customers)
        .set({ organizationManager: manager, updatedAt: clock.now() })
        .where(eq(customers.id, customer.id));
      out.log(
        manager
          ? `${email} now manages ${customer.organization}: sees every ticket of it`
          : `${email} no longer manages ${customer.organization ?? 'an organization'}`,
      );
    },
  },
};
