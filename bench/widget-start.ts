/**
 * Figure 2: the widget's start in headless Chromium (puppeteer-core, the system's Chromium): the
 * time from adding `<support-portal>` to a page until its first screen can be used (anonymous: the
 * home screen; logged in: the open tickets listed), against a bare Lit hello element measured in
 * the same run; the long tasks (over 50 ms) during start; and what the page loads before the
 * element is added.
 *
 * Run alone: npm run bench:widget-start
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { copyOf, dataset } from './lib/dataset.ts';
import { logIn } from './lib/customer.ts';
import { REPO_ROOT } from './lib/paths.ts';
import { markdownTable, say, saveFigure } from './lib/report.ts';
import { freePort, startNodeApi, temporaryFolder } from './lib/servers.ts';
import { longTasks, TRACE_CATEGORIES, type LongTask } from './lib/long-tasks.ts';
import { buildWidget } from './lib/widget-build.ts';

const RUNS = Number(process.env.BENCH_WIDGET_RUNS ?? 11);
const root = temporaryFolder('bench-widget-start-');
await buildWidget(join(root, 'widget'));
await esbuild.build({
  absWorkingDir: REPO_ROOT,
  entryPoints: { hello: 'bench/widget/hello-element.ts' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  outdir: join(root, 'hello'),
  logLevel: 'warning',
});

// The pages, served from an origin of their own; the API on another, as a company embeds it.
const pagePort = await freePort();
const pageOrigin = `http://127.0.0.1:${pagePort}`;
const api = await startNodeApi({
  database: copyOf(await dataset(10), temporaryFolder('bench-widget-db-')).file,
  env: { ALLOWED_ORIGINS: pageOrigin },
});
const token = await logIn(api.url, 0);
const page = (script: string) =>
  `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>bench</title></head><body><script type="module" src="${script}"></script></body></html>`;
const pages: Record<string, string> = {
  '/widget.html': page('/widget/support-portal.js'),
  '/hello.html': page('/hello/hello.js'),
};
const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer((request, response) => {
  const path = new URL(request.url!, pageOrigin).pathname;
  try {
    const body =
      pages[path] ?? readFileSync(join(root, normalize(path).replace(/^(\.\.[/\\])+/, '')));
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(pagePort, '127.0.0.1', resolve));

const MEASURE = readFileSync(join(REPO_ROOT, 'bench/widget/measure-start.js'), 'utf8');

interface Run {
  ms: number;
  longTasks: number[];
  before: string[];
}

/**
 * Loads the page, waits for the element's definition, then adds it and measures in the page
 * (bench/widget/measure-start.js) until its first usable screen is painted.
 */
async function run(
  browser: Browser,
  kind: 'hello' | 'anonymous' | 'logged-in',
  traced = false,
): Promise<Run & { trace?: LongTask[] }> {
  const tab = await browser.newPage();
  const requests: string[] = [];
  tab.on('request', (request) => void requests.push(new URL(request.url()).pathname));
  if (kind === 'logged-in') {
    await tab.evaluateOnNewDocument(
      `sessionStorage.setItem('support-portal:bench:token', ${JSON.stringify(token)});
       sessionStorage.setItem('support-portal:bench:route', 'tickets/open');`,
    );
  }
  await tab.goto(`${pageOrigin}/${kind === 'hello' ? 'hello' : 'widget'}.html`);
  const tag = kind === 'hello' ? 'bench-hello' : 'support-portal';
  await tab.evaluate(`customElements.whenDefined(${JSON.stringify(tag)}).then(() => true)`);
  const before = [...requests];
  await tab.addScriptTag({ content: MEASURE });
  if (traced) await tab.tracing.start({ categories: TRACE_CATEGORIES });
  const result = (await tab.evaluate(
    `benchMeasureStart(${JSON.stringify(tag)}, ${JSON.stringify(api.url)}, ${JSON.stringify(kind)})`,
  )) as { ms: number; longTasks: number[] };
  const trace = traced
    ? longTasks(JSON.parse(new TextDecoder().decode(await tab.tracing.stop())))
    : undefined;
  await tab.close();
  return { ...result, before, trace };
}

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
});
const kinds = ['hello', 'anonymous', 'logged-in'] as const;
const runs: Record<(typeof kinds)[number], Run[]> = { hello: [], anonymous: [], 'logged-in': [] };
const traced: Record<'anonymous' | 'logged-in', LongTask[]> = { anonymous: [], 'logged-in': [] };
try {
  // One warm-up of each (Chromium's caches, the API's JIT), then alternated measured runs.
  for (const kind of kinds) await run(browser, kind);
  for (let i = 0; i < RUNS; i++) {
    for (const kind of kinds) runs[kind].push(await run(browser, kind));
  }
  // One more of each start under Chromium's tracing, to see what fills its long tasks.
  for (const kind of ['anonymous', 'logged-in'] as const) {
    traced[kind] = (await run(browser, kind, true)).trace ?? [];
  }
} finally {
  await browser.close();
  server.close();
  await api.stop();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (kind: (typeof kinds)[number]) => median(runs[kind].map((r) => r.ms));
const worstLongTask = (kind: (typeof kinds)[number]) =>
  Math.max(0, ...runs[kind].flatMap((r) => r.longTasks));
const before = [...new Set(runs.anonymous.flatMap((r) => r.before))];
const unasked = before.filter(
  (path) => !/^\/widget\.html$|^\/widget\/support-portal\.js$|^\/widget\/chunks\/chunk-/.test(path),
);
for (const kind of kinds) {
  say(
    `widget start ${kind}: median ${ms(kind).toFixed(1)} ms over ${RUNS} runs, longest task ${worstLongTask(kind).toFixed(0)} ms`,
  );
}
say(`widget start: loaded before the element was added: ${before.join(', ')}`);

const ratio = (kind: (typeof kinds)[number]) => ms(kind) / ms('hello');
await saveFigure('2-widget-start', {
  order: 2,
  title: 'Widget start (headless Chromium)',
  command: 'npm run bench:widget-start',
  budgets: [
    {
      what: 'long tasks over 50 ms while the portal starts (anonymous and logged in)',
      budget: 'none',
      measured: `longest ${Math.max(worstLongTask('anonymous'), worstLongTask('logged-in')).toFixed(0)} ms`,
      met: Math.max(worstLongTask('anonymous'), worstLongTask('logged-in')) <= 50,
    },
    {
      what: 'loaded before the element is on the page, beyond the script and its static chunks',
      budget: 'nothing',
      measured: unasked.length ? unasked.join(', ') : 'nothing',
      met: unasked.length === 0,
    },
  ],
  body: `
Chromium ${(await import('node:child_process'))
    .execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' })
    .trim()
    .replace(
      /^.*?(\d[\d.]+).*$/s,
      '$1',
    )} headless (puppeteer-core, the flags of the widget tests). Each run opens a
fresh tab on a page of its own origin that loads the script, waits until the element is defined,
then adds the element (the API on another origin, the Node server over the generated database)
and polls (one task at a time) until the first usable screen is there: anonymous, the home screen
with its buttons; logged in (a token saved in \`sessionStorage\` as the widget keeps it, the open
tickets screen remembered), the first page of open tickets listed, which includes the API's
answer. Then one frame is painted. The baseline is a bare Lit element (a heading and a button)
timed the same way in the same run. ${RUNS} runs of each, alternated, after one warm-up; medians.
Long tasks come from Chromium's \`PerformanceObserver\` (\`longtask\`) from the moment the element is
added.

${markdownTable(
  ['start', 'median ms', 'vs bare Lit element', 'longest task ms'],
  kinds.map((kind) => [
    kind === 'hello' ? 'bare Lit hello element' : `support-portal, ${kind}`,
    ms(kind).toFixed(1),
    kind === 'hello' ? '1.0x' : `${ratio(kind).toFixed(1)}x`,
    worstLongTask(kind).toFixed(0),
  ]),
)}

Before the element was added the page had loaded: ${before.map((p) => `\`${p}\``).join(', ')}.

### What fills the long tasks

One more start of each kind under Chromium's tracing (DevTools timeline categories): every
main-thread task over 50 ms, and its largest parts (script by file, style, layout, paint). Tracing
adds its own overhead, and a busy machine stretches every task.

${
  [
    ...traced.anonymous.map((t) => ['anonymous', t] as const),
    ...traced['logged-in'].map((t) => ['logged in', t] as const),
  ]
    .map(
      ([kind, task]) =>
        `- ${kind}, a task of ${task.ms.toFixed(0)} ms: ${task.parts.map((p) => `${p.part} ${p.ms.toFixed(0)} ms`).join(', ')}`,
    )
    .join('\n') || 'No task over 50 ms in the traced starts.'
}
`,
});
