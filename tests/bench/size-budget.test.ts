/**
 * The widget's weight budget (issue 9, figure 1) and the Worker's (issue 20, figure 6): sizes
 * are deterministic, so unlike the timed figures these are tests. The widget is built afresh
 * into a temporary folder, as `scripts/build-widget.mjs` builds it; the Worker as
 * `wrangler deploy --dry-run` bundles it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUDGETS, buildWidget, heaviest, type WidgetBuild } from '../../bench/lib/widget-build.ts';
import { buildWorker, WORKER_GZIP_BUDGET } from '../../bench/lib/worker-bundle.ts';

const outdir = mkdtempSync(join(tmpdir(), 'portal-size-'));
let build: WidgetBuild;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

before(async () => {
  build = await buildWidget(outdir);
});
after(() => rmSync(outdir, { recursive: true, force: true }));

test('the whole portal with the default locale is at most 35 KB gzip', () => {
  const gzip = build.initial.reduce((sum, file) => sum + file.gzip, 0);
  const top = heaviest(build)
    .slice(0, 5)
    .map((part) => `${part.part} ${kb(part.bytes)}`)
    .join(', ');
  assert.ok(
    gzip <= BUDGETS.initialGzip,
    `${kb(gzip)} gzip over ${kb(BUDGETS.initialGzip)}; heaviest (minified): ${top}`,
  );
});

test('every other locale is a lazy chunk of at most 5 KB gzip', () => {
  const locales = build.lazy.filter((file) => file.locale);
  const languages = ['ca', 'en', 'fr', 'it', 'pt'];
  assert.deepEqual(
    locales.map((file) => file.locale).sort(),
    languages.flatMap((language) => [language, `${language}.more`]),
  );
  for (const file of locales) {
    assert.ok(file.gzip <= BUDGETS.localeGzip, `${file.file}: ${kb(file.gzip)} gzip`);
  }
});

test('no translation is in what every page loads', () => {
  const initialInputs = Object.entries(build.metafile.outputs)
    .filter(([file]) => build.initial.some((w) => file.endsWith(w.file)))
    .flatMap(([, output]) => Object.keys(output.inputs));
  assert.deepEqual(
    initialInputs.filter((input) => /widget\/i18n\/locales\//.test(input)),
    [],
  );
});

test('the Worker, bundled as wrangler deploys it, is at most 1 MB gzip', () => {
  const worker = buildWorker(mkdtempSync(join(tmpdir(), 'portal-worker-size-')));
  rmSync(dirname(worker.file), { recursive: true, force: true });
  assert.ok(
    worker.gzip <= WORKER_GZIP_BUDGET,
    `${kb(worker.gzip)} gzip (${kb(worker.raw)} raw) over ${kb(WORKER_GZIP_BUDGET)}`,
  );
});
