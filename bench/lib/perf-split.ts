/**
 * @module
 * Where a server's CPU goes, from `perf record -g` of its process (`perf script` output, the
 * process started with `--perf-basic-prof` so that JIT frames have names): only the main
 * thread, and only time it was on a CPU, kernel included; unlike V8's profiler, which samples
 * wall time and charges a process waiting for a core to the frame it was in. Each sample goes to
 * the first part its stack names from the innermost frame out, kernel samples to the part that
 * made the system call.
 */

/** Parts of a request, tried in order on each frame's text. */
const PARTS: [string, RegExp][] = [
  ['SQLite (libsql driver)', /index\.node|node_modules\/(@libsql|libsql)\/|edge\/node\/sqlite-/],
  ['garbage collection', /Scavenger|Heap::|MarkCompact|ConcurrentMarking|IncrementalMarking/],
  ['V8 compiler (JIT)', /compiler::|Compiler::|OptimizingCompileDispatcher/],
  ['JSON.stringify', /JsonStringif/],
  ['drizzle', /node_modules\/drizzle-orm\//],
  ['zod', /node_modules\/zod\//],
  ['the app (edge/, contract/)', /\/edge\/|\/contract\/|\/bench\/servers\//],
  ['Hono', /node_modules\/hono\//],
  ['@hono/node-server', /@hono\/node-server/],
  ['Node: writing the response', /JS:[*^~]?(writevGeneric|writeGeneric|doWrite|clearBuffer) node:/],
  ['Node: Headers (undici)', /JS:.* node:internal\/deps\/undici/],
  ['Node: promise jobs (await)', /JS:.* node:internal\/process\/task_queues/],
  ['Node: other http, net, streams', /JS:.* node:/],
];
const OTHER = 'other (V8 runtime, libuv, Node C++)';

export interface PerfPart {
  part: string;
  /** Microseconds per request on a CPU in user space, and in the kernel. */
  user: number;
  kernel: number;
}

/** The main thread's CPU per request by part; `hz` is perf's sampling frequency. */
export function perfSplit(script: string, requests: number, hz: number): PerfPart[] {
  const samples = script
    .split('\n\n')
    .map((block) => block.trim().split('\n'))
    .filter((lines) => lines.length > 1);
  const perThread = new Map<string, number>();
  for (const [thread] of samples) perThread.set(thread!, (perThread.get(thread!) ?? 0) + 1);
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const parts = new Map<string, PerfPart>();
  const perSample = 1e6 / hz / requests;
  for (const [thread, ...frames] of samples) {
    if (thread !== main) continue;
    const kernel = frames[0]!.includes('[kernel.kallsyms]');
    const named = frames.map((frame) => PARTS.find(([, test]) => test.test(frame))).find(Boolean);
    const part = named?.[0] ?? OTHER;
    const entry = parts.get(part) ?? { part, user: 0, kernel: 0 };
    entry[kernel ? 'kernel' : 'user'] += perSample;
    parts.set(part, entry);
  }
  return [...parts.values()].sort((a, b) => b.user + b.kernel - (a.user + a.kernel));
}
