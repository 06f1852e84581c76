/**
 * Builds the widget for hosts: one minified ES module, `dist/support-portal.js`, plus two lazy
 * chunks per non-default locale (loaded only when that language is used: its first screens'
 * messages, then the later screens' with the first of them); the React wrapper
 * `dist/react.js`; `.d.ts` types in `dist/types` for hosts written in TypeScript; the Custom
 * Elements Manifest `dist/custom-elements.json`. Then copies them into the npm package's folder
 * (`packages/support-portal/dist`, see pack-widget.mjs). Prints the gzip weights and fails when
 * the portal (default language) passes 35 KB or a language's chunk 5 KB.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
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
  // Module scripts are always read as UTF-8: no need to escape accents (\xE9 is 4 bytes, é 2).
  charset: 'utf8',
  sourcemap: 'linked',
  legalComments: 'linked',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  // ALTCHA's stylesheet as a string, adopted as a constructable stylesheet (altcha-loader.ts).
  loader: { '.css': 'text' },
  metafile: true,
  logLevel: 'warning',
});

// The React wrapper imports the element from the package's own entry, never a second copy.
await esbuild.build({
  entryPoints: { react: 'widget/react.ts' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  charset: 'utf8',
  sourcemap: 'linked',
  legalComments: 'linked',
  outdir: 'dist',
  external: ['react'],
  plugins: [
    {
      name: 'element-from-entry',
      setup(build) {
        build.onResolve({ filter: /^\.\/support-portal\.ts$/ }, () => ({
          path: './support-portal.js',
          external: true,
        }));
      },
    },
  ],
  logLevel: 'warning',
});

// ALTCHA's proof-of-work worker, beside the chunk that starts it (altcha-loader.ts).
cpSync('node_modules/altcha/dist/workers/pbkdf2.js', 'dist/chunks/altcha-pbkdf2.worker.js');

execFileSync('npx', ['tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
execFileSync(
  'node_modules/.bin/cem',
  ['analyze', '--config', 'custom-elements-manifest.config.mjs'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);

rmSync('packages/support-portal/dist', { recursive: true, force: true });
cpSync('dist', 'packages/support-portal/dist', { recursive: true });

/** The budget: the portal as a host first loads it, and each other language, gzip. */
const BUDGET = { main: 35 * 1024, locale: 5 * 1024 };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const outputs = result.metafile.outputs;
const entry = 'dist/support-portal.js';
// What loads with the element: the entry and the chunks it imports statically.
const initial = [
  entry,
  ...outputs[entry].imports.filter((i) => i.kind === 'import-statement').map((i) => i.path),
];
const locales = Object.keys(outputs).filter((file) =>
  /chunks\/(pt|en|fr|it|ca)(\.more)?-[^/]+\.js$/.test(file),
);
const mainSize = initial.reduce((sum, file) => sum + gzipped(file), 0);
console.log(
  `${'portal as loaded (' + initial.length + ' files)'.padEnd(40)} ${kb(mainSize).padStart(9)} gzip (budget ${kb(BUDGET.main)})`,
);
let over = mainSize > BUDGET.main;
for (const file of locales) {
  const size = gzipped(file);
  console.log(`${file.padEnd(40)} ${kb(size).padStart(9)} gzip (budget ${kb(BUDGET.locale)})`);
  over ||= size > BUDGET.locale;
}
if (over) {
  console.error('Over the size budget.');
  process.exit(1);
}
