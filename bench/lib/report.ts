/**
 * @module
 * Results of each figure are kept as JSON under `.cache/bench/results/`, and BENCHMARKS.md is
 * rewritten from all of them after every figure, so one figure can be rerun on its own. A figure
 * with no result there (a fresh clone that ran one figure) keeps its section and budget rows as
 * BENCHMARKS.md has them.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { REPO_ROOT, RESULTS_DIR } from './paths.ts';

export interface Budget {
  what: string;
  budget: string;
  measured: string;
  met: boolean;
}

export interface FigureResult {
  /** Orders the sections: 1 to 6 as in issue 9. */
  order: number;
  title: string;
  command: string;
  date: string;
  machine: string;
  budgets: Budget[];
  /** The 1-minute load average when the figure started. */
  load: string;
  /** The section's Markdown: tables and notes. */
  body: string;
}

/** The machine's load when the figure started: other work on a shared machine skews it. */
const loadAtStart = loadavg()[0]!.toFixed(1);

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/** Prints a plain line as the figure goes. */
export function say(line: string) {
  console.log(line);
}

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export async function saveFigure(
  id: string,
  result: Omit<FigureResult, 'date' | 'machine' | 'load'>,
) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const full: FigureResult = {
    ...result,
    date: new Date().toISOString(),
    machine: machine(),
    load: loadAtStart,
  };
  writeFileSync(join(RESULTS_DIR, `${id}.json`), JSON.stringify(full, null, 2));
  for (const budget of full.budgets) {
    say(
      `${budget.met ? 'MET    ' : 'NOT MET'} ${budget.what}: ${budget.measured} (budget ${budget.budget})`,
    );
  }
  await writeReport();
}

/** A figure as BENCHMARKS.md already shows it: its section, and its rows of the budgets table. */
interface KeptFigure {
  order: number;
  section: string;
  budgetRows: string[][];
}

/** What the current BENCHMARKS.md says, to keep the figures that have no result to hand. */
function keptReport(file: string): { figures: Map<number, KeptFigure>; machines: string[] } {
  if (!existsSync(file)) return { figures: new Map(), machines: [] };
  const text = readFileSync(file, 'utf8');
  const machines = /^Machine: (.*)\.$/m.exec(text)?.[1]?.split('; ') ?? [];
  return { figures: keptFigures(text), machines };
}

function keptFigures(text: string): Map<number, KeptFigure> {
  const kept = new Map<number, KeptFigure>();
  const budgetsAt = text.indexOf('\n## Budgets\n');
  const sectionsAt = text.search(/^## \d+\. /m);
  if (budgetsAt === -1 || sectionsAt === -1) return kept;
  for (const section of text.slice(sectionsAt).split(/^(?=## \d+\. )/m)) {
    const order = Number(/^## (\d+)\. /.exec(section)![1]);
    kept.set(order, { order, section: section.trim(), budgetRows: [] });
  }
  for (const line of text.slice(budgetsAt, sectionsAt).split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const figure = kept.get(Number(cells[0]));
    if (cells.length === 5 && figure) figure.budgetRows.push(cells);
  }
  return kept;
}

/** Rewrites BENCHMARKS.md, formatted as the repository's Prettier settings say. */
export async function writeReport() {
  const file = join(REPO_ROOT, 'BENCHMARKS.md');
  const results: FigureResult[] = readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')))
    .sort((a, b) => a.order - b.order);
  const measured = new Set(results.map((r) => r.order));
  const before = keptReport(file);
  const kept = [...before.figures.values()].filter((figure) => !measured.has(figure.order));
  const figures = [
    ...results.map((r) => ({
      order: r.order,
      budgetRows: r.budgets.map((b) => [
        r.order,
        b.what,
        b.budget,
        b.measured,
        b.met ? 'met' : '**not met**',
      ]),
      section: [
        `## ${r.order}. ${r.title}`,
        '',
        `\`${r.command}\`, ${r.date.slice(0, 16).replace('T', ' ')} UTC, load average ${r.load} when it started.`,
        '',
        r.body.trim(),
      ].join('\n'),
    })),
    ...kept,
  ].sort((a, b) => a.order - b.order);
  const budgets = figures.flatMap((figure) => figure.budgetRows);
  const machines = [
    ...new Set([...results.map((r) => r.machine), ...(kept.length ? before.machines : [])]),
  ];
  const text = [
    '# Benchmarks',
    '',
    'Made by `npm run bench` (every figure; each also runs alone, see `package.json`), which rewrites',
    'this file from the latest result of each figure. The machines are shared and noisy: compared',
    'figures are ratios against a baseline measured in the same run; absolute times are context.',
    '',
    `Machine: ${machines.join('; ')}.`,
    '',
    'A full run from a clean clone (the databases generated, then cached in',
    '`.cache/bench/datasets/` until the generator or the migrations change) took 5 min 42 s on this',
    'machine at a load average of about 1 (2026-11-26), of which 53 s made the 1,000,000 tickets;',
    'so a run on cached databases takes under 5 minutes. The load average when each figure',
    'started is printed beside it: other work on the same 2 cores (test suites, browsers) inflates',
    'every absolute time and tail latency, and makes the ratios against the bare routes pessimistic',
    '(the bare route suffers less from a lost time slice).',
    '',
    '## Budgets',
    '',
    markdownTable(['figure', 'what', 'budget', 'measured', ''], budgets),
    '',
    ...figures.flatMap((figure) => [figure.section, '']),
  ].join('\n');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}
