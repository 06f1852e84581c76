/**
 * Splits each locale module `lit-localize build` wrote (widget/i18n/locales/<lang>.ts) in two:
 * `<lang>.ts` keeps the messages of the modules that load with the element (the entry and its
 * static imports, as esbuild resolves them), and `<lang>.more.ts` gets the rest, the messages of
 * the screens loaded later (see widget/i18n/localization.ts). A language then costs its first
 * screens' messages when chosen, and the others with the first later screen. Run by
 * `npm run i18n` after `lit-localize build`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const ENTRY = 'widget/support-portal.ts';
const DIR = 'widget/i18n/locales';
const LOCALES = JSON.parse(readFileSync('lit-localize.json', 'utf8')).targetLocales;

const { metafile } = await esbuild.build({
  entryPoints: [ENTRY],
  bundle: true,
  splitting: true,
  format: 'esm',
  write: false,
  metafile: true,
  outdir: 'unused',
  logLevel: 'silent',
});
const initial = new Set();
const visit = (path) => {
  if (initial.has(path)) return;
  initial.add(path);
  for (const { path: next, kind } of metafile.inputs[path]?.imports ?? []) {
    if (kind === 'import-statement') visit(next);
  }
};
visit(ENTRY);
const startIds = new Set(
  [...initial]
    .filter((path) => path.startsWith('widget/') && !path.startsWith(DIR))
    .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/\bid:\s*'([^']+)'/g)])
    .map((match) => match[1]),
);

// lit-localize's own layout (prettier runs after): one message per line, indented anyhow.
const ENTRY_LINE = /^'([^']+)': /;
for (const locale of LOCALES) {
  const file = `${DIR}/${locale}.ts`;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim());
  const open = lines.indexOf('export const templates = {');
  const close = lines.lastIndexOf('};');
  if (open < 0 || close < open) throw new Error(`${file}: not a lit-localize module`);
  const header = lines.slice(0, open).filter((line) => line && !line.startsWith('import '));
  const start = [];
  const more = [];
  for (const line of lines.slice(open + 1, close)) {
    const id = ENTRY_LINE.exec(line)?.[1];
    if (!id) throw new Error(`${file}: one message per line expected, got: ${line}`);
    (startIds.has(id) ? start : more).push(`  ${line}`);
  }
  const write = (path, entries, note) => {
    const tags = ['str', 'html'].filter((tag) => entries.some((line) => line.includes(`${tag}\``)));
    writeFileSync(
      path,
      [
        ...header.slice(0, 2),
        `// ${note}`,
        ...(tags.length ? ['', `import { ${tags.join(', ')} } from '@lit/localize';`] : []),
        '',
        ...header.slice(2),
        '',
        'export const templates = {',
        ...entries,
        '};',
        '',
      ].join('\n'),
    );
  };
  write(file, start, 'The messages of what loads with the element (scripts/split-locales.mjs).');
  write(`${DIR}/${locale}.more.ts`, more, 'The messages of the screens loaded later.');
  console.log(`${locale}: ${start.length} messages at start, ${more.length} later`);
}
