/**
 * `npm run admin -- <command> [arguments]`: the portal's admin command line, for a person
 * running the portal (and the demo). Works on LIBSQL_URL (default: the embedded libSQL file),
 * applying pending migrations first.
 */
import { applyMigrations } from '../node/migrate.ts';
import { nodePorts } from '../node/ports.ts';
import { categoryCommands } from './admin/categories.ts';
import { describeError, type AdminCommand } from './admin/command.ts';
import { customerCommands } from './admin/customers.ts';
import { deskCommands } from './admin/desk.ts';
import { storageCommands } from './admin/storage.ts';
import { ticketCommands } from './admin/tickets.ts';

const commands: Record<string, AdminCommand> = {
  ...customerCommands,
  ...categoryCommands,
  ...ticketCommands,
  ...deskCommands,
  ...storageCommands,
};

function help(): string {
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name} ${command.usage}\n      ${command.summary}`,
  );
  return `Usage: npm run admin -- <command> [arguments]\n\nCommands:\n${lines.join('\n')}`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.log(help());
  process.exit(name && name !== 'help' ? 1 : 0);
}

const { ports, client } = nodePorts(process.env);
try {
  await applyMigrations(ports.db);
  await command.run(args, ports);
} catch (error) {
  const explained = describeError(error);
  console.error(
    explained ? `${name}: ${explained}\nUsage: npm run admin -- ${name} ${command.usage}` : error,
  );
  process.exitCode = 1;
} finally {
  client.close();
}
