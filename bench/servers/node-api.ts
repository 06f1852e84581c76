/**
 * @module
 * The embedded default as the benchmarks serve it: the app built by `nodePorts` (libSQL file,
 * attachments on disk) served by `@hono/node-server`, as `edge/node.ts` does, without the demo
 * pages and the job timer. `/__bench/usage` reports the process's peak memory and CPU time so far.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../edge/app.ts';
import { nodePorts } from '../../edge/node/ports.ts';

const { ports } = nodePorts(process.env);
const site = new Hono()
  .get('/__bench/usage', (c) => {
    const cpu = process.cpuUsage();
    return c.json({
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBytes: process.memoryUsage.rss(),
      cpuMicros: cpu.user + cpu.system,
    });
  })
  .route('/', createApp(ports));

serve({ fetch: site.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
// Exit cleanly on SIGTERM, so that --cpu-prof writes its profile.
process.once('SIGTERM', () => process.exit(0));
