/**
 * @module
 * The embedded default as the benchmarks serve it: the app built by `nodePorts` (libSQL file,
 * attachments on disk) served by `@hono/node-server`, as `edge/node.ts` does, without the demo
 * pages and the job timer. `/__bench/usage` reports the process's peak memory and CPU time so far, `/__bench/profile/*`
 * takes a CPU profile.
 */
import { Session } from 'node:inspector/promises';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../edge/app.ts';
import { nodePorts } from '../../edge/node/ports.ts';

const { ports } = nodePorts(process.env);
const profiler = new Session();
profiler.connect();
const site = new Hono()
  .get('/__bench/usage', (c) => {
    const cpu = process.cpuUsage();
    return c.json({
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBytes: process.memoryUsage.rss(),
      cpuMicros: cpu.user + cpu.system,
    });
  })
  // A CPU profile of exactly the span the benchmark asks for, through the inspector protocol.
  .post('/__bench/profile/start', async (c) => {
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    return c.body(null, 204);
  })
  .post('/__bench/profile/stop', async (c) =>
    c.json((await profiler.post('Profiler.stop')).profile),
  )
  .route('/', createApp(ports));

serve({ fetch: site.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
// Exit cleanly on SIGTERM, so that --cpu-prof writes its profile.
process.once('SIGTERM', () => process.exit(0));
