/**
 * Builds the widget for hosts: one minified ES module, `dist/support-portal.js`, plus one lazy
 * chunk per non-default locale (loaded only when that language is used), and `.d.ts` types in
 * `dist/types` for hosts written in TypeScript. Prints each file's gzip weight.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

rmSync('dist', { recursive: true, force: true });

const result = await esbuild.build({
  entryPoints: { 'support-portal': 'widget/support-portal.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });

for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith('.js'))) {
  const bytes = readFileSync(file);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${file.padEnd(40)} ${kb(bytes.length).padStart(9)} ${kb(gzipSync(bytes, { level: 9 }).length).padStart(9)} gzip`,
  );
}
