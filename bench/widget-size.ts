/**
 * Figure 1: the widget's weight. The bundle built afresh (as `npm run build` builds it), each file
 * minified, gzip and brotli; what weighs most in what every page loads. The same budgets are a
 * test: tests/bench/size-budget.test.ts.
 *
 * Run alone: npm run bench:widget-size
 */
import { BUDGETS, buildWidget, heaviest } from './lib/widget-build.ts';
import { markdownTable, say, saveFigure } from './lib/report.ts';
import { temporaryFolder } from './lib/servers.ts';

const build = await buildWidget(temporaryFolder('bench-widget-'));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (key: 'raw' | 'gzip' | 'brotli') => build.initial.reduce((n, w) => n + w[key], 0);
const locales = build.lazy.filter((w) => w.locale);
const otherLazy = build.lazy.filter((w) => !w.locale);
const parts = heaviest(build);
const totalParts = parts.reduce((n, p) => n + p.bytes, 0);

for (const w of [...build.initial, ...build.lazy]) {
  say(`widget ${w.file}: ${kb(w.raw)} minified, ${kb(w.gzip)} gzip, ${kb(w.brotli)} brotli`);
}
say(
  `widget initial load: ${kb(sum('raw'))} minified, ${kb(sum('gzip'))} gzip, ${kb(sum('brotli'))} brotli`,
);
for (const part of parts.slice(0, 8)) say(`widget weighs: ${part.part} ${kb(part.bytes)} minified`);

const largestLocale = Math.max(...locales.map((w) => w.gzip));
await saveFigure('1-widget-size', {
  order: 1,
  title: 'Widget weight',
  command: 'npm run bench:widget-size',
  budgets: [
    {
      what: 'the whole portal with the default locale (es), gzip',
      budget: `<= ${kb(BUDGETS.initialGzip)}`,
      measured: kb(sum('gzip')),
      met: sum('gzip') <= BUDGETS.initialGzip,
    },
    {
      what: 'each other locale chunk, gzip (largest)',
      budget: `<= ${kb(BUDGETS.localeGzip)}`,
      measured: kb(largestLocale),
      met: largestLocale <= BUDGETS.localeGzip && locales.length === 10,
    },
  ],
  body: `
The widget built with the options of \`scripts/build-widget.mjs\` (esbuild, minified ES module,
code splitting) into a temporary folder. gzip at level 9, brotli at quality 11. "Initial" is the
entry and every chunk it imports statically: what a page loads with the script tag. Each other
language is two chunks (\`scripts/split-locales.mjs\`): the messages of what loads with the
element, fetched when the language is chosen, and the later screens' messages, fetched with the
first later screen; each is held to the locale budget. The same budgets fail \`npm test\`
(tests/bench/size-budget.test.ts).

${markdownTable(
  ['file', 'loaded', 'minified', 'gzip', 'brotli'],
  [
    ...build.initial.map((w) => [w.file, 'always', kb(w.raw), kb(w.gzip), kb(w.brotli)]),
    [
      '**initial load**',
      '',
      `**${kb(sum('raw'))}**`,
      `**${kb(sum('gzip'))}**`,
      `**${kb(sum('brotli'))}**`,
    ],
    ...locales.map((w) => [
      w.file,
      w.locale!.endsWith('.more')
        ? `in ${w.locale!.slice(0, 2)}, later screens`
        : `only in ${w.locale}`,
      kb(w.raw),
      kb(w.gzip),
      kb(w.brotli),
    ]),
    ...otherLazy.map((w) => [w.file, 'on demand', kb(w.raw), kb(w.gzip), kb(w.brotli)]),
  ],
)}

### What weighs most

The initial load's minified bytes by package, or by folder of \`widget/\` (esbuild's metafile):

${markdownTable(
  ['part', 'minified', 'share'],
  parts
    .slice(0, 12)
    .map((p) => [p.part, kb(p.bytes), `${((p.bytes / totalParts) * 100).toFixed(1)}%`]),
)}
`,
});
