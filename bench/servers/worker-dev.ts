/**
 * @module
 * A Worker of bench/workers.ts under wrangler's own dev server, started through its API
 * (`unstable_startWorker`, which `wrangler dev` runs: the same proxy in front, workerd, the
 * `[assets]` routing and local R2), so that its devtools inspector can be left off. Without
 * `--test-scheduled`'s middleware, which a deployed Worker does not have either.
 *
 * `wrangler dev` always opens the inspector and enables its Network domain. From then on workerd
 * reports each request the Worker sends (to sqld, here) as several inspector events, and
 * wrangler's inspector proxy parses each of them and posts a debug log of it to wrangler's Node
 * process (`templates/startDevWorker/InspectorProxyWorker.ts` in wrangler). That is what a
 * subrequest costs under `wrangler dev`, and a deployed Worker has no inspector.
 *
 * Environment: WORKER_CONFIG (a wrangler.toml), PORT, PERSIST_TO, WORKER_VARS (a JSON object of
 * plain-text vars, over the config's), INSPECTOR (`on` as `wrangler dev` has it, or `off`).
 */
import { unstable_startWorker } from 'wrangler';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const vars = JSON.parse(env('WORKER_VARS')) as Record<string, string>;
const worker = await unstable_startWorker({
  config: env('WORKER_CONFIG'),
  bindings: Object.fromEntries(
    Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }]),
  ),
  dev: {
    remote: false,
    server: { hostname: '127.0.0.1', port: Number(env('PORT')) },
    inspector: env('INSPECTOR') === 'on' ? { hostname: '127.0.0.1', port: 0 } : false,
    persist: env('PERSIST_TO'),
    watch: false,
    logLevel: 'warn',
  },
});
await worker.ready;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void worker.dispose().finally(() => process.exit(0)));
}
