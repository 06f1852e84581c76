/**
 * @module
 * Servers started as child processes (sqld, wrangler dev, deno serve) by the runtime tests, the
 * benches and `npm run dev:workers`: each in its own process group, so that stopping it also
 * stops what it started (wrangler's workerd). On Ctrl-C or SIGTERM every one of them is stopped
 * as `stop` does (SIGTERM, then SIGKILL after a while); when the process ends any other way,
 * killed. Their temporary folders are removed at exit. Node only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The environment of every child: no metrics, no update checks, no colours in the logs. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/**
 * A port nothing listens on, picked below Linux's ephemeral range (32768 and up): a server
 * restarted on its port must not find it taken by some other test's outgoing connection.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const running = new Map<ChildProcess, () => Promise<void>>();
const folders = new Set<string>();

process.once('exit', () => {
  running.forEach((_stop, child) => killGroup(child, 'SIGKILL'));
  folders.forEach(removeFolder);
});
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal (tsx relays the terminal's Ctrl-C, which reached this process too) waits
    // for the first stop: dying of it would skip the exit handler and leave the servers running.
    if (stopping) return;
    stopping = true;
    // The newest first: wrangler before the sqld it talks to.
    const stops = [...running.values()].reverse();
    void stops
      .reduce((done, stop) => done.then(stop), Promise.resolve())
      .finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  });
}

/** A fresh temporary folder, removed when the test process exits at the latest. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.add(dir);
  return dir;
}

export function removeFolder(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

export interface Server {
  readonly url: string;
  /** Everything the process printed so far, for failure messages and log checks. */
  output(): string;
  /** Waits until the process has printed a line matching `pattern`; fails after a while. */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Sends `signal` (SIGTERM unless told; SIGINT is Ctrl-C) to the group, SIGKILL after 5 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Ends the process group with SIGKILL, as a crash would: no chance to clean up. */
  kill(): Promise<void>;
}

export interface StartOptions {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Where the server answers once it is up; polled until it answers at all. */
  url: string;
  readyPath: string;
  /** Also copies what the process prints to this process's own stdout and stderr. */
  echo?: boolean;
  /** How long it may take to start before the test gives up; not an assertion on speed. */
  startTimeoutMs?: number;
}

export async function startServer(options: StartOptions): Promise<Server> {
  const child = spawn(options.command, options.args, {
    cwd: REPO_ROOT,
    env: childEnv(options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  if (options.echo) {
    child.stdout!.pipe(process.stdout);
    child.stderr!.pipe(process.stderr);
  }
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );

  const server: Server = {
    url: options.url,
    output: () => log,
    async waitForOutput(pattern) {
      const deadline = Date.now() + 15_000;
      while (!pattern.test(log)) {
        if (Date.now() > deadline) throw new Error(`no output matching ${pattern}:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, signal);
      const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
      // Whatever the leader left behind in its group goes too.
      killGroup(child, 'SIGKILL');
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, 'SIGKILL');
      await exited;
    },
  };

  running.set(child, () => server.stop());

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.command} exited before it was ready:\n${log}`);
    }
    try {
      await fetch(new URL(options.readyPath, options.url), { signal: AbortSignal.timeout(2000) });
      return server;
    } catch {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`${options.command} was not ready in time:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
