/**
 * @module
 * Charges a CPU profile's samples to the source modules they ran in. The widget is profiled in
 * an unminified build: esbuild starts each bundled module with a `// path` comment, so a frame's
 * file and line name its module (a package, or a file of `widget/`). Frames without a file (V8
 * builtins, DOM calls) are charged to the first caller that has one; samples with no script at
 * all are the renderer's own work (style, layout, paint, parsing, compiling).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The source module of a line of a served script, by its URL path. */
export type SourceMapper = (path: string, line: number) => string | null;

/** Maps the scripts of an unminified build served from `folder` under `prefix` (e.g. `/w/`). */
export function sourceMapper(folder: string, prefix: string): SourceMapper {
  const starts = new Map<string, { line: number; module: string }[]>();
  return (path, line) => {
    if (!path.startsWith(prefix)) return null;
    let modules = starts.get(path);
    if (!modules) {
      modules = [];
      const lines = readFileSync(join(folder, path.slice(prefix.length)), 'utf8').split('\n');
      lines.forEach((text, i) => {
        const module = /^\/\/ (\S+\.(?:ts|js|mjs))$/.exec(text)?.[1];
        if (module) modules!.push({ line: i, module: shortName(module) });
      });
      starts.set(path, modules);
    }
    return modules.findLast((m) => m.line <= line)?.module ?? null;
  };
}

/** A package by its name (node_modules may be a link elsewhere); a widget file by its path. */
function shortName(module: string): string {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)?.[1] ?? module;
}

/** Milliseconds of samples between `from` and `to` (trace microseconds), by source module. */
export function samplesBySource(
  profile: CpuProfile,
  sources: SourceMapper,
  from: number,
  to: number,
): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const sourceOf = (id: number): string => {
    for (let node = byId.get(id); node; node = byId.get(parent.get(node.id)!)) {
      const { url, functionName, lineNumber } = node.callFrame;
      if (functionName === '(garbage collector)') return 'garbage collection';
      if (!url) continue;
      const path = url.replace(/^https?:\/\/[^/]+/, '');
      return sources(path, lineNumber) ?? 'other script';
    }
    return 'renderer (style, layout, paint, parsing, compiling)';
  };
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    if (at < from || at > to || node.callFrame.functionName === '(idle)') return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const source = sourceOf(id);
    totals.set(source, (totals.get(source) ?? 0) + ms);
  });
  return totals;
}
