/**
 * `npm run admin -- <command> [arguments]`: the portal's admin command line, for a person
 * running the portal (and the demo). Works on LIBSQL_URL (default: the embedded libSQL file),
 * applying pending migrations first. The commands are in `admin/`, run by `runAdmin`.
 */
import { applyMigrations } from '../node/migrate.ts';
import { nodePorts } from '../node/ports.ts';
import { adminHelp, isAdminCommand, runAdmin } from './admin/run.ts';

const argv = process.argv.slice(2);
if (!isAdminCommand(argv)) {
  process.exitCode = adminHelp(argv, console);
} else {
  const { ports, client } = nodePorts(process.env);
  try {
    await applyMigrations(ports.db);
    process.exitCode = await runAdmin(argv, ports, console);
  } finally {
    client.close();
  }
}
