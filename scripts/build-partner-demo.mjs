/**
 * Builds the partner intranet demo (demo/partner/app.tsx, a React app) into `dist/partner/`,
 * as a customer's project would: `support-portal` and `support-portal/react` resolve through the
 * npm package's `exports` (packages/support-portal, filled by build-widget.mjs, which runs
 * first), React from node_modules.
 */
import { cpSync, readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: { app: 'demo/partner/app.tsx' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  charset: 'utf8',
  jsx: 'automatic',
  sourcemap: 'linked',
  outdir: 'dist/partner',
  chunkNames: 'chunks/[name]-[hash]',
  // Bare `support-portal` resolves in packages/ as it would in node_modules/.
  nodePaths: ['packages'],
  // React's production build, as a customer's release would use.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

// esbuild leaves `new URL('./altcha-pbkdf2.worker.js', import.meta.url)` as it is: the worker
// goes beside the chunks, as the package ships it (Vite and webpack copy it by themselves).
const worker = readdirSync('packages/support-portal/dist/chunks').find((f) =>
  f.endsWith('.worker.js'),
);
cpSync(`packages/support-portal/dist/chunks/${worker}`, `dist/partner/chunks/${worker}`);
