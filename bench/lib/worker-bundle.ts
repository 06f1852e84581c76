/**
 * @module
 * The Worker as it would be deployed: `wrangler deploy --dry-run --outdir` bundles it without
 * uploading. Its size, raw and gzip (Cloudflare's limit counts the compressed upload), and how
 * long loading it takes: a fresh Node process importing the bundle, a stand-in for the
 * isolate's start (workerd's own start is not measurable under `wrangler dev`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './paths.ts';

/** Cloudflare's limit for a Worker on the free plan is 3 MB gzip; the portal keeps to 1 MB. */
export const WORKER_GZIP_BUDGET = 1024 * 1024;

export interface WorkerBundle {
  file: string;
  raw: number;
  gzip: number;
}

export function buildWorker(outdir: string): WorkerBundle {
  // wrangler.toml serves dist/ as assets and refuses a missing folder; a clean clone has none.
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'deploy',
      '--dry-run',
      `--outdir=${outdir}`,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: 'ignore' },
  );
  const file = join(outdir, 'worker.js');
  const bytes = readFileSync(file);
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Milliseconds a fresh Node process takes to import the bundle, median of `runs`. */
export function startMillis(file: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
      ],
      { encoding: 'utf8' },
    );
    times.push(Number(out.trim()));
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
