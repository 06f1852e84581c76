/**
 * @module
 * What fills a page's long tasks, from a Chromium performance trace (the DevTools timeline
 * categories): for each main-thread task over 50 ms, the time of its direct kinds of work
 * (script by file, style, layout, paint, parsing).
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
];

const LABELS: Record<string, string> = {
  UpdateLayoutTree: 'style recalculation',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  ParseHTML: 'HTML parsing',
  ParseAuthorStyleSheet: 'style sheet parsing',
  'v8.compile': 'script compile',
  'v8.compileModule': 'script compile',
  MajorGC: 'garbage collection',
  MinorGC: 'garbage collection',
};

export interface LongTask {
  ms: number;
  parts: { part: string; ms: number }[];
}

export function longTasks(trace: { traceEvents: TraceEvent[] }, overMs = 50): LongTask[] {
  const events = trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > overMs * 1000);
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    const inside = onMain.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end,
    );
    const parts = new Map<string, number>();
    const add = (part: string, us: number) => parts.set(part, (parts.get(part) ?? 0) + us / 1000);
    for (const e of inside) {
      if (
        e.name === 'FunctionCall' ||
        e.name === 'EvaluateScript' ||
        e.name === 'v8.evaluateModule'
      ) {
        const url = e.args?.data?.url ?? '';
        // Only outermost script entries, so nested calls are not counted twice.
        const nested = inside.some(
          (o) =>
            o !== e &&
            ['FunctionCall', 'EvaluateScript', 'v8.evaluateModule'].includes(o.name) &&
            o.ts <= e.ts &&
            o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0),
        );
        if (!nested)
          add(`script ${url.replace(/^https?:\/\/[^/]+/, '') || '(inline)'}`, e.dur ?? 0);
      } else if (LABELS[e.name]) {
        add(LABELS[e.name]!, e.dur ?? 0);
      }
    }
    return {
      ms: task.dur! / 1000,
      parts: [...parts]
        .map(([part, ms]) => ({ part, ms }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5),
    };
  });
}
