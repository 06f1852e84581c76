/**
 * @module
 * Where a CPU profile's time goes: every sample is charged to the part of the request it was in,
 * found from the innermost frame outwards (V8 builtins and native code have no file, so they are
 * charged to the first caller that has one).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Parts of a request, tried in order on each frame's file and function name. */
const PARTS: [string, (url: string, fn: string) => boolean][] = [
  ['idle (waiting for I/O)', (_url, fn) => fn === '(idle)'],
  ['garbage collection', (_url, fn) => fn === '(garbage collector)'],
  [
    'JSON (serialize the body)',
    (url, fn) => url === '' && /^(stringify|JSON\.stringify)$/.test(fn),
  ],
  [
    'query: SQLite (libsql driver, statements and rows)',
    (url) => /node_modules\/(@libsql|libsql)\/|edge\/node\/sqlite-/.test(url),
  ],
  ['query: drizzle (build SQL, map rows)', (url) => /node_modules\/drizzle-orm\//.test(url)],
  ['token check: JWT (jose, WebCrypto HMAC)', (url) => /node_modules\/jose\//.test(url)],
  ['request validation (zod)', (url) => /node_modules\/zod\//.test(url)],
  ['the app: customer auth middleware', (url) => /edge\/middleware\/customer-auth/.test(url)],
  ['the app: route and mapping (tickets, categories)', (url) => /\/edge\//.test(url)],
  ['Hono (routing, middleware, context)', (url) => /node_modules\/hono\//.test(url)],
  [
    'HTTP: @hono/node-server (Node request to Web Request)',
    (url) => /@hono\/node-server/.test(url),
  ],
  ['module loading (start-up)', (url) => /^node:internal\/modules\//.test(url)],
  ['HTTP: Node (http, net, streams)', (url) => /^node:/.test(url)],
  ['other (V8, runtime)', () => true],
];

export function profileBreakdown(file: string): { part: string; ms: number; share: number }[] {
  const profile: CpuProfile = JSON.parse(readFileSync(file, 'utf8'));
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node);
  }
  const partOf = new Map<number, string>();
  const classify = (node: ProfileNode): string => {
    const known = partOf.get(node.id);
    if (known) return known;
    const { url, functionName } = node.callFrame;
    let part: string;
    const direct = PARTS.find(([, test]) => test(url, functionName));
    if (url === '' && direct?.[0].startsWith('other') && parent.has(node.id)) {
      part = classify(parent.get(node.id)!);
    } else {
      part = direct![0];
    }
    partOf.set(node.id, part);
    return part;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = classify(byId.get(id)!);
    totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .map(([part, ms]) => ({ part, ms, share: ms / all }))
    .sort((a, b) => b.ms - a.ms);
}
