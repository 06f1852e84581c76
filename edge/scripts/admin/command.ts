/**
 * @module
 * The shape of an admin command: `npm run admin -- <name> [arguments]`. Each group of commands
 * lives in its own file under this folder and is registered in `run.ts`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { $ZodError } from 'zod/v4/core';
import type { Ports } from '../../ports.ts';

/** Where a command prints: `console` from the command line, a collector in tests. */
export type AdminOutput = Pick<Console, 'log' | 'error' | 'table'>;

export interface AdminCommand {
  /** One line for the help text, e.g. `--email <e-mail> --name <name> [--password <p>]`. */
  usage: string;
  summary: string;
  /** Resolves to the exit code when it is not 0 (and the command did not throw). */
  run(args: string[], ports: Ports, out: AdminOutput): Promise<number | void>;
}

/** Parses `--option value` arguments, failing with the command's usage on anything unknown. */
export function options<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  spec: T,
) {
  return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
}

/** An error the admin did, shown without a stack trace. */
export class UsageError extends Error {}

export function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

/** A one-line explanation of a failure the admin can act on, or null for a real bug. */
export function describeError(error: unknown): string | null {
  if (error instanceof UsageError) return error.message;
  if (error instanceof $ZodError) {
    return error.issues
      .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
  }
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    return (error as Error).message;
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (/UNIQUE constraint failed: customers\.email/.test(cause.message))
      return 'a customer with this e-mail already exists';
  }
  return null;
}
