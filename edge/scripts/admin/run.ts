/**
 * @module
 * The admin command line as a function: `runAdmin(argv, ports, output)` runs one command on the
 * ports it is given and resolves to its exit code. `../admin.ts` wires the Node ports and the
 * console; tests call it in-process with their own.
 */
import type { Ports } from '../../ports.ts';
import { categoryCommands } from './categories.ts';
import { describeError, type AdminCommand, type AdminOutput } from './command.ts';
import { connectorCommands } from './connector.ts';
import { customerDataCommands } from './customer-data.ts';
import { customerCommands } from './customers.ts';
import { deskCommands } from './desk.ts';
import { storageCommands } from './storage.ts';
import { ticketCommands } from './tickets.ts';

const commands: Record<string, AdminCommand> = {
  ...customerCommands,
  ...customerDataCommands,
  ...categoryCommands,
  ...ticketCommands,
  ...deskCommands,
  ...storageCommands,
  ...connectorCommands,
};

/** Whether `argv` names a command; anything else is answered by `adminHelp`. */
export function isAdminCommand(argv: readonly string[]): boolean {
  return argv[0] !== undefined && Object.hasOwn(commands, argv[0]);
}

/** Prints the commands; the exit code is 1 when `argv` named something that is not one. */
export function adminHelp(argv: readonly string[], output: AdminOutput): number {
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name} ${command.usage}\n      ${command.summary}`,
  );
  output.log(`Usage: npm run admin -- <command> [arguments]\n\nCommands:\n${lines.join('\n')}`);
  return argv[0] && argv[0] !== 'help' ? 1 : 0;
}

export async function runAdmin(
  argv: readonly string[],
  ports: Ports,
  output: AdminOutput,
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || !isAdminCommand(argv)) return adminHelp(argv, output);
  const command = commands[name]!;
  try {
    return (await command.run(args, ports, output)) ?? 0;
  } catch (error) {
    const explained = describeError(error);
    output.error(
      explained ? `${name}: ${explained}\nUsage: npm run admin -- ${name} ${command.usage}` : error,
    );
    return 1;
  }
}
