/**
 * @module
 * What fills a page's long tasks, from a Chromium performance trace (the DevTools timeline
 * categories): for each main-thread task over 50 ms, its wall time, the time its thread had the
 * CPU (on a busy machine the rest is time the thread waited for a core), and its direct kinds of
 * work (script by file, style, layout, paint, parsing). With a CPU profile of the same start, the
 * script time is also charged to the source modules it ran in (see `script-sources.ts`).
 */
import { samplesBySource, type CpuProfile, type SourceMapper } from './script-sources.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The time the thread was on a CPU during the event. */
  tdur?: number;
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

/** Entries into script; promise jobs (Lit's updates, fetch callbacks) run in RunMicrotasks. */
const SCRIPT = ['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'TimerFire'];

export interface LongTask {
  ms: number;
  cpuMs: number;
  parts: { part: string; ms: number }[];
  /** CPU profile samples inside the task, by source module; empty without a profile. */
  sources: { part: string; ms: number }[];
}

/**
 * The page's renderer main thread: the one with the most tasks. Other renderers (a blank tab,
 * a spare process) have a `CrRendererMain` too.
 */
function pageMainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const counts = new Map<string, number>();
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  for (const main of mains) counts.set(`${main.pid}:${main.tid}`, 0);
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (!best) return null;
  const [pid, tid] = best[0].split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

export function longTasks(
  trace: { traceEvents: TraceEvent[] },
  profile?: { profile: CpuProfile; sources: SourceMapper },
  overMs = 50,
): LongTask[] {
  const events = trace.traceEvents;
  const main = pageMainThread(events);
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
    const isScript = (e: TraceEvent) => SCRIPT.includes(e.name) || e.name === 'RunMicrotasks';
    for (const [i, e] of inside.entries()) {
      if (isScript(e)) {
        // Only outermost script entries, so nested calls are not counted twice.
        const nested = inside.some(
          (o, j) =>
            o !== e &&
            isScript(o) &&
            o.ts <= e.ts &&
            o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) &&
            ((o.dur ?? 0) > (e.dur ?? 0) || j < i),
        );
        if (nested) continue;
        const url = e.args?.data?.url?.replace(/^https?:\/\/[^/]+/, '');
        add(
          e.name === 'RunMicrotasks' ? 'script (promise jobs)' : `script ${url || '(inline)'}`,
          e.dur ?? 0,
        );
      } else if (LABELS[e.name]) {
        add(LABELS[e.name]!, e.dur ?? 0);
      }
    }
    const top = (map: Map<string, number>) =>
      [...map]
        .map(([part, ms]) => ({ part, ms }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5);
    return {
      ms: task.dur! / 1000,
      cpuMs: (task.tdur ?? task.dur!) / 1000,
      parts: top(parts),
      sources: profile ? top(samplesBySource(profile.profile, profile.sources, task.ts, end)) : [],
    };
  });
}
