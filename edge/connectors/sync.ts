/**
 * @module
 * One sync with the connected ticket tool: queue the timeline's new events, send what is due,
 * then read what changed in the tool. Run by the scheduled job (Workers' cron, the timer on Node
 * and Deno) and by `npm run admin -- rt:sync`; runs may overlap safely.
 */
import type { Ports, TicketConnector } from '../ports.ts';
import { enqueueEvents } from './outbox.ts';
import { pullFromTool, type PullReport } from './pull.ts';
import { pushToTool, type PushReport } from './push.ts';

export interface SyncReport {
  queued: number;
  push: PushReport;
  pull: PullReport;
}

export async function syncConnector(ports: Ports, connector: TicketConnector): Promise<SyncReport> {
  const queued = await enqueueEvents(ports.db, ports.clock.now());
  const push = await pushToTool(ports, connector);
  const pull = await pullFromTool(ports, connector);
  return { queued, push, pull };
}
