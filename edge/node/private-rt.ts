/**
 * @module
 * A private Request Tracker 5 for tests and `npm run demo:rt`: Debian's `request-tracker5` with
 * its own SQLite file in a temporary folder, an empty `RT_SITE_CONFIG_DIR` (Debian's files there
 * would put it on the system database), a free port; stopped, and its folder removed, at the end.
 * It gets the portal's two custom fields, the queues asked for, an RT user `portal` for the
 * connector with an auth token, and the agent `root` (password `password`). Node only.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
const SETUP_DATABASE = '/usr/sbin/rt-setup-database-5';
const RT_LIB = '/usr/share/request-tracker5/lib';
const run = promisify(execFile);

export const RT_AGENT = { user: 'root', password: 'password' };

/** Whether Debian's request-tracker5 is installed here. */
export function rtInstalled(): boolean {
  return existsSync(RT_SERVER) && existsSync(SETUP_DATABASE);
}

export interface PrivateRt {
  /** RT's address, e.g. http://127.0.0.1:23456 (REST2 under /REST/2.0/). */
  url: string;
  /** The auth token of the RT user `portal`, for `RT_TOKEN`. */
  token: string;
  /** `Authorization` for the agent `root`: basic auth, as an agent's tools would use it. */
  agentAuthorization: string;
  /** Stops RT with SIGKILL, as a crash or an outage would. */
  kill(): Promise<void>;
  /** Starts RT again on the same database and port; resolves once REST2 answers. */
  restart(): Promise<void>;
  /** Stops RT and removes its folder. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/**
 * Perl run inside RT: queues, the portal's custom fields, the connector's user and token. RT's
 * e-mail scrips are switched off: the portal e-mails customers itself (docs/connectors.md has
 * deployments switch off those to customers), nothing here reads RT's mail, and together they
 * made every change about five times slower (a message built and recorded per notification).
 */
const SETUP_SCRIPT = `
use strict; use warnings;
use lib '${RT_LIB}';
use RT; RT::LoadConfig(); RT::Init();
my $system = RT->SystemUser;
my $scrips = RT::Scrips->new($system);
$scrips->UnLimit;
while (my $scrip = $scrips->Next) {
  next unless $scrip->Description =~ /Notify|Autoreply/;
  my ($ok, $msg) = $scrip->SetDisabled(1); die $msg unless $ok;
}
for my $name (@ARGV) {
  my $queue = RT::Queue->new($system); $queue->Load($name);
  next if $queue->id;
  my ($ok, $msg) = $queue->Create(Name => $name); die $msg unless $ok;
}
for my $field (['Portal ticket', 'RT::Queue-RT::Ticket'],
               ['Portal message', 'RT::Queue-RT::Ticket-RT::Transaction']) {
  my $cf = RT::CustomField->new($system);
  my ($ok, $msg) = $cf->Create(Name => $field->[0], Type => 'FreeformSingle', LookupType => $field->[1]);
  die $msg unless $ok;
  $cf->AddToObject(RT::Queue->new($system));
}
my $user = RT::User->new($system);
my ($ok, $msg) = $user->Create(Name => 'portal', RealName => 'Support portal', Privileged => 1,
  EmailAddress => 'portal@example.com');
die $msg unless $ok;
($ok, $msg) = $user->PrincipalObj->GrantRight(Right => 'SuperUser', Object => RT->System);
die $msg unless $ok;
my $token = RT::AuthToken->new($system);
my ($tok, $tmsg, $secret) = $token->Create(Owner => $user->id, Description => 'support portal');
die $tmsg unless $tok;
print "$secret\\n";
`;

export interface PrivateRtOptions {
  /**
   * RT's bcrypt cost for passwords and auth tokens (RT's default: 12). REST2 has no sessions:
   * RT checks the token on every request, about 0.2 s of CPU each at 12. Tests lower it, as
   * the portal's tests lower PBKDF2's iterations; the code path is the same.
   */
  bcryptCost?: number;
}

/** Sets up and starts a private RT with these queues (General always exists). */
export async function startPrivateRt(
  queues: string[] = [],
  options: PrivateRtOptions = {},
): Promise<PrivateRt> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-rt-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(dir, 'RT_SiteConfig.pm');
  const configDir = join(dir, 'RT_SiteConfig.d');
  mkdirSync(configDir);
  writeFileSync(
    configFile,
    [
      `Set($WebDomain, '127.0.0.1');`,
      `Set($WebPort, ${port});`,
      `Set($WebPath, '');`,
      `Set($DatabaseType, 'SQLite');`,
      `Set($DatabaseName, '${join(dir, 'rt.db')}');`,
      `Set($MailCommand, 'mbox');`,
      `Set($LogToSTDERR, 'warning');`,
      `Set($LogDir, '${dir}');`,
      ...(options.bcryptCost ? [`Set($BcryptCost, ${options.bcryptCost});`] : []),
      '1;',
    ].join('\n'),
  );
  const env = { ...process.env, RT_SITE_CONFIG: configFile, RT_SITE_CONFIG_DIR: configDir };
  let child: ChildProcess | null = null;
  let log = '';

  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    await run(SETUP_DATABASE, ['--action', 'init', '--skip-create'], { env, cwd: dir });
    const setupFile = join(dir, 'setup.pl');
    writeFileSync(setupFile, SETUP_SCRIPT);
    const { stdout } = await run('perl', [setupFile, ...queues], { env, cwd: dir });
    const token = stdout.trim().split('\n').at(-1)!;

    const exitedOf = new Map<ChildProcess, Promise<void>>();
    const launch = async () => {
      const started = spawn(RT_SERVER, ['--port', String(port)], {
        env,
        cwd: dir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      exitedOf.set(started, new Promise((resolve) => started.once('exit', () => resolve())));
      started.stdout!.on('data', (chunk) => (log += chunk));
      started.stderr!.on('data', (chunk) => (log += chunk));
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`rt-server exited:\n${log}`);
        try {
          const response = await fetch(`${url}/REST/2.0/rt`, {
            headers: { Authorization: `token ${token}` },
            signal: AbortSignal.timeout(5000),
          });
          if (response.ok) return;
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error(`rt-server was not ready in time:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const halt = async (signal: NodeJS.Signals) => {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      try {
        process.kill(-current.pid!, signal);
      } catch {
        // Already gone.
      }
      const forced = setTimeout(() => process.kill(-current.pid!, 'SIGKILL'), 5000);
      await exitedOf.get(current);
      clearTimeout(forced);
    };
    const onExit = () => {
      if (child?.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      cleanUp();
    };
    process.once('exit', onExit);
    await launch();
    return {
      url,
      token,
      agentAuthorization: `Basic ${btoa(`${RT_AGENT.user}:${RT_AGENT.password}`)}`,
      kill: () => halt('SIGKILL'),
      restart: launch,
      async stop() {
        await halt('SIGTERM');
        process.off('exit', onExit);
        cleanUp();
      },
    };
  } catch (error) {
    const current = child as ChildProcess | null;
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    cleanUp();
    throw error;
  }
}
