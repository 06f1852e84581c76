/**
 * `npm run demo:rt`: the demo portal connected to a private Request Tracker 5, so that a person
 * answers in RT's web interface and sees the answer in the widget. Installs nothing: it needs
 * Debian's request-tracker5 and rt5-db-sqlite. RT gets a queue per top-level demo category; the
 * portal runs as `npm start` does, on its own data folder (.data/demo-rt, fresh each time, as RT
 * is), syncing every few seconds. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CategoryInput } from '../../contract/category-tree.ts';
import { RT_AGENT, rtInstalled, startPrivateRt } from '../node/private-rt.ts';

if (!rtInstalled()) {
  console.error(
    'Request Tracker 5 is not installed here: apt-get install -y request-tracker5 rt5-db-sqlite',
  );
  process.exit(1);
}

const tree = JSON.parse(
  readFileSync(new URL('../../demo/categories.json', import.meta.url), 'utf8'),
) as CategoryInput[];
const queues = Object.fromEntries(tree.map((category) => [category.id, category.labels.en]));
const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve('.data/demo-rt');
rmSync(dataDir, { recursive: true, force: true });

console.log('Starting a private Request Tracker 5 (about a minute)…');
const rt = await startPrivateRt(Object.values(queues));
const portal = spawn(process.execPath, ['--import', 'tsx', 'edge/node.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    RT_URL: rt.url,
    RT_TOKEN: rt.token,
    RT_QUEUES: JSON.stringify(queues),
    RT_SYNC_SECONDS: process.env.RT_SYNC_SECONDS ?? '5',
  },
});
console.log(`Request Tracker: ${rt.url}/  agent login: ${RT_AGENT.user} / ${RT_AGENT.password}`);
console.log(`Queues: ${Object.values(queues).join(', ')}`);

async function stop(code: number) {
  portal.kill('SIGTERM');
  await rt.stop();
  process.exit(code);
}
portal.once('exit', (code) => void stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
