/**
 * @module
 * The widget built as `scripts/build-widget.mjs` builds it (the same esbuild options: one
 * minified ES module, code splitting for the lazy locale chunks), into a folder of the caller's,
 * so that measuring never touches `dist/`; and the weight of each file: minified, gzip (level 9,
 * as the build prints) and brotli (quality 11).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from './paths.ts';

export interface Weight {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface WidgetBuild {
  /** `support-portal.js` and every chunk it imports statically: what a page always loads. */
  initial: Weight[];
  /**
   * Chunks loaded by `import()` only; a locale's two chunks (see scripts/split-locales.mjs) by
   * its code and part: `fr` for its first screens' messages, `fr.more` for the later screens'.
   */
  lazy: (Weight & { locale: string | null })[];
  metafile: esbuild.Metafile;
  outdir: string;
}

export function weigh(path: string, label = path): Weight {
  const bytes = readFileSync(path);
  return {
    file: label,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/**
 * `minify: false` gives the same code with its names and a `// path` comment before each
 * module, for profiles that name functions and modules (never for weights).
 */
export async function buildWidget(outdir: string, { minify = true } = {}): Promise<WidgetBuild> {
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { 'support-portal': 'widget/support-portal.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify,
    charset: 'utf8',
    // As the build: the source map comment is part of what a host serves.
    sourcemap: 'linked',
    legalComments: 'linked',
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    loader: { '.css': 'text' },
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  const rel = (file: string) => relative(outdir, join(REPO_ROOT, file));
  // Screens loaded by `import()` are entry points of their own too: find the portal's.
  const entry = Object.keys(outputs).find(
    (file) => outputs[file]!.entryPoint === 'widget/support-portal.ts',
  )!;
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imported of outputs[file]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  const scripts = Object.keys(outputs).filter((file) => file.endsWith('.js'));
  return {
    initial: [...initial].map((file) => weigh(join(REPO_ROOT, file), rel(file))),
    lazy: scripts
      .filter((file) => !initial.has(file))
      .map((file) => ({
        ...weigh(join(REPO_ROOT, file), rel(file)),
        locale: /\/([a-z]{2}(?:\.more)?)-[A-Z0-9]+\.js$/.exec(file)?.[1] ?? null,
      })),
    metafile: result.metafile,
    outdir,
  };
}

/** What weighs most in the initial load: minified bytes by package or widget folder. */
export function heaviest(build: WidgetBuild): { part: string; bytes: number }[] {
  const parts = new Map<string, number>();
  const initialFiles = new Set(build.initial.map((w) => w.file));
  for (const [file, output] of Object.entries(build.metafile.outputs)) {
    if (!initialFiles.has(relative(build.outdir, join(REPO_ROOT, file)))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const part =
        pkg ??
        input
          .split('/')
          .slice(0, input.startsWith('widget/') ? 2 : 1)
          .join('/');
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return [...parts].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export const BUDGETS = {
  /** The whole portal with the default locale, gzip. */
  initialGzip: 35 * 1024,
  /** Each other locale's chunk, gzip. */
  localeGzip: 5 * 1024,
};
