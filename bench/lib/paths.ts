/** @module Where the benchmarks keep their generated files. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CACHE_DIR = join(REPO_ROOT, '.cache/bench');
export const RESULTS_DIR = join(CACHE_DIR, 'results');
