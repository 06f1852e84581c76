/**
 * Whether the answer's timing tells an attacker that an e-mail is a customer's: `POST
 * /api/password/forgot` for existing against unknown e-mails, and `POST /api/session` with a
 * wrong password for the same two kinds, on the embedded default (Node, libSQL file) over real
 * HTTP. The two kinds alternate, in a random order within each pair, so drift in the machine's
 * load falls on both alike. Prints median, p90 and their ratios (existing / unknown); the figure
 * goes into SECURITY.md. Measured, never asserted: the machine is shared.
 *
 * Run alone: npm run bench:forgot-timing (FORGOT_TIMING_RUNS scales the forgot requests)
 */
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { drizzle } from 'drizzle-orm/libsql';
import { WORKERS_PBKDF2_MAX_ITERATIONS } from '../edge/config.ts';
import { ROUTES } from '../contract/routes.ts';
import { createCustomer } from '../edge/db/customers.ts';
import * as schema from '../edge/db/schema.ts';
import { applyMigrations } from '../edge/node/migrate.ts';
import { say } from './lib/report.ts';
import { fetchAgain, startNodeApi, temporaryFolder } from './lib/servers.ts';

const FORGOT_RUNS = Number(process.env.FORGOT_TIMING_RUNS) || 200;
/** Each login costs a full password hash, so fewer of them. */
const LOGIN_RUNS = Math.ceil(FORGOT_RUNS / 4);
const WARM_UP = 10;
const ORIGIN = 'http://localhost:8787';
const RETURN_TO = `${ORIGIN}/support`;

const folder = temporaryFolder('bench-forgot-');
const database = join(folder, 'portal.db');
const client = createClient({ url: `file:${database}` });
const db = drizzle(client, { schema });
await applyMigrations(db);
const existing: string[] = [];
const created = new Date();
for (let i = 0; i < WARM_UP + Math.max(FORGOT_RUNS, LOGIN_RUNS); i++) {
  const email = `customer-${i}@example.com`;
  // The production count for those who log in, so their hash costs what it costs in production;
  // the forgotten password never checks it.
  const iterations = i < WARM_UP + LOGIN_RUNS ? WORKERS_PBKDF2_MAX_ITERATIONS : 1_000;
  await createCustomer(
    db,
    { email, name: `Customer ${i}`, password: `password-${i}-long-enough` },
    iterations,
    created,
  );
  existing.push(email);
}
client.close();
const unknown = existing.map((_, i) => `nobody-${i}@example.com`);

const api = await startNodeApi({
  database,
  env: {
    ALLOWED_ORIGINS: ORIGIN,
    PBKDF2_ITERATIONS: String(WORKERS_PBKDF2_MAX_ITERATIONS),
    // The limits would answer 429 long before the end; what is measured is the work behind them.
    RATE_LIMIT_PER_ADDRESS: '1000000',
    RATE_LIMIT_PER_EMAIL: '1000000',
    LOCKOUT_FAILURES: '1000000',
    // Solving is the client's work, done before the clock starts; checking costs the same at
    // any cost, and the same for both kinds of e-mail.
    CAPTCHA_COST: '100',
  },
});

function post(path: string, body: unknown) {
  return fetchAgain(() =>
    fetch(new URL(path, api.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** A solved captcha, as the widget sends it; solved before the clock starts. */
async function captcha(): Promise<string> {
  const challenge = (await (
    await fetchAgain(() => fetch(new URL(ROUTES.captcha, api.url)))
  ).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  return btoa(JSON.stringify({ challenge, solution }));
}

/** Milliseconds from sending to the whole answer read; fails on any answer but `expected`. */
async function timed(send: () => Promise<Response>, expected: number): Promise<number> {
  const started = performance.now();
  const response = await send();
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== expected) throw new Error(`answered ${response.status}`);
  return elapsed;
}

const forgot = async (email: string) => {
  const solved = await captcha();
  return timed(
    () => post(ROUTES.passwordForgot, { email, captcha: solved, returnTo: RETURN_TO }),
    202,
  );
};
const login = (email: string) =>
  timed(() => post(ROUTES.session, { email, password: 'not-the-password-at-all' }), 401);

/** Alternates the two kinds, in a random order within each pair; the first `WARM_UP` dropped. */
async function compare(runs: number, measure: (email: string) => Promise<number>) {
  const times = { existing: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < WARM_UP + runs; i++) {
    const pair = [
      ['existing', existing[i]!],
      ['unknown', unknown[i]!],
    ] as const;
    for (const [kind, email] of Math.random() < 0.5 ? pair : [...pair].reverse()) {
      const elapsed = await measure(email);
      if (i >= WARM_UP) times[kind].push(elapsed);
    }
  }
  return times;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function report(what: string, times: { existing: number[]; unknown: number[] }) {
  const line = (kind: 'existing' | 'unknown') =>
    `${kind} e-mail: median ${quantile(times[kind], 0.5).toFixed(2)} ms, p90 ${quantile(times[kind], 0.9).toFixed(2)} ms`;
  const ratio = (q: number) =>
    (quantile(times.existing, q) / quantile(times.unknown, q)).toFixed(2);
  say(`${what}, ${times.existing.length} of each kind, interleaved:`);
  say(`  ${line('existing')}`);
  say(`  ${line('unknown')}`);
  say(`  ratio existing / unknown: median ${ratio(0.5)}, p90 ${ratio(0.9)}`);
}

try {
  report('POST /api/password/forgot', await compare(FORGOT_RUNS, forgot));
  report(
    `POST /api/session, wrong password (${WORKERS_PBKDF2_MAX_ITERATIONS} PBKDF2 iterations)`,
    await compare(LOGIN_RUNS, login),
  );
} finally {
  await api.stop();
}
