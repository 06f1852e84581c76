/**
 * @module
 * The scheduled job: syncs with the connected ticket tool (if any), auto-accepts aged solutions,
 * then delivers due webhooks (the new `solution_auto_accepted` ones included) and due e-mails
 * (the customers' notifications too, the ticket tool's replies among them).
 * Workers run it from a Cron Trigger, Node and Deno from a timer, the admin command once on
 * demand; runs may overlap safely.
 */
import { errorSummary, logEvent } from '../lib/log.ts';
import type { AppConfig } from '../config.ts';
import { syncConnector, type SyncReport } from '../connectors/sync.ts';
import type { Ports } from '../ports.ts';
import { deliverDueWebhooks, type DeliveryReport } from '../webhooks/deliverer.ts';
import { autoAcceptSolutions } from './auto-accept.ts';
import { deliverDueMail, type MailReport } from './mail-delivery.ts';
import { runRetention, type RetentionReport } from './retention.ts';

export interface JobReport extends DeliveryReport {
  autoAccepted: number;
  mail: MailReport;
  /** The ticket tool's sync, or why it failed this time (the tool down: the next run retries). */
  connector?: SyncReport | { error: string };
}

async function syncIfConnected(ports: Ports): Promise<JobReport['connector']> {
  if (!ports.connector) return undefined;
  try {
    return await syncConnector(ports, ports.connector);
  } catch (error) {
    logEvent('error', { route: 'job:connector', status: 'failed', error: errorSummary(error) });
    return { error: String((error as Error).message ?? error) };
  }
}

export async function runScheduledJob(ports: Ports): Promise<JobReport> {
  const connector = await syncIfConnected(ports);
  const autoAccepted = await autoAcceptSolutions(ports);
  const webhooks = await deliverDueWebhooks(ports);
  const mail = await deliverDueMail(ports);
  return { autoAccepted, ...webhooks, mail, ...(connector && { connector }) };
}

/** How often Node and Deno run the job: as often as the ticket tool is synced, when there is one. */
export function jobIntervalSeconds(config: AppConfig): number {
  return config.RT_URL
    ? Math.min(config.JOB_INTERVAL_SECONDS, config.RT_SYNC_SECONDS)
    : config.JOB_INTERVAL_SECONDS;
}

/** One run of a job, logged as one JSON line: its id, how long it took, what it did. */
async function logged<R>(route: string, run: () => Promise<R>): Promise<R> {
  const line = { requestId: crypto.randomUUID(), route };
  const started = Date.now();
  try {
    const report = await run();
    logEvent('info', { ...line, status: 'ok', durationMs: Date.now() - started, report });
    return report;
  } catch (error) {
    const durationMs = Date.now() - started;
    logEvent('error', { ...line, status: 'failed', durationMs, error: errorSummary(error) });
    // Rethrown, so that a Cron Trigger's run shows as failed too.
    throw error;
  }
}

/** The scheduled job, logged. */
export function runLoggedJob(ports: Ports): Promise<JobReport> {
  return logged('job:scheduled', () => runScheduledJob(ports));
}

/** Retention (./retention.ts), logged. */
export function runLoggedRetention(ports: Ports): Promise<RetentionReport> {
  return logged('job:retention', () => runRetention(ports));
}

/**
 * Runs the job every `seconds` on a timer (Node, Deno), and retention on the first tick and
 * every RETENTION_INTERVAL_MINUTES after, never two runs at once in one process; returns a
 * function that stops it.
 */
export function startJobTimer(ports: Ports, seconds: number): () => void {
  let running = false;
  let retentionDue = 0;
  async function tick() {
    if (running) return;
    running = true;
    try {
      await runLoggedJob(ports);
      if (Date.now() >= retentionDue) {
        retentionDue = Date.now() + ports.config.RETENTION_INTERVAL_MINUTES * 60_000;
        await runLoggedRetention(ports);
      }
    } catch {
      // Logged by `logged`; the next tick tries again.
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void tick(), seconds * 1000);
  return () => clearInterval(timer);
}
