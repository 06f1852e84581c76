/**
 * @module
 * The scheduled job: auto-accepts aged solutions, then delivers due webhooks (the new
 * `solution_auto_accepted` ones included) and due e-mails (the customers' notifications too).
 * Workers run it from a Cron Trigger, Node and Deno from a timer, the admin command once on
 * demand; runs may overlap safely.
 */
import { errorSummary, logEvent } from '../lib/log.ts';
import type { Ports } from '../ports.ts';
import { deliverDueWebhooks, type DeliveryReport } from '../webhooks/deliverer.ts';
import { autoAcceptSolutions } from './auto-accept.ts';
import { deliverDueMail, type MailReport } from './mail-delivery.ts';

export interface JobReport extends DeliveryReport {
  autoAccepted: number;
  mail: MailReport;
}

export async function runScheduledJob(ports: Ports): Promise<JobReport> {
  const autoAccepted = await autoAcceptSolutions(ports);
  const webhooks = await deliverDueWebhooks(ports);
  return { autoAccepted, ...webhooks, mail: await deliverDueMail(ports) };
}

/**
 * One run, logged as one JSON line: its id, how long it took, what it did, or why it failed (then
 * rethrown, so that a Cron Trigger's run shows as failed too).
 */
export async function runLoggedJob(ports: Ports): Promise<JobReport> {
  const requestId = crypto.randomUUID();
  const started = Date.now();
  const line = { requestId, route: 'job:scheduled' };
  try {
    const report = await runScheduledJob(ports);
    logEvent('info', { ...line, status: 'ok', durationMs: Date.now() - started, report });
    return report;
  } catch (error) {
    const durationMs = Date.now() - started;
    logEvent('error', { ...line, status: 'failed', durationMs, error: errorSummary(error) });
    throw error;
  }
}

/**
 * Runs the job every `seconds` on a timer (Node, Deno), never two at once in one process;
 * returns a function that stops it.
 */
export function startJobTimer(ports: Ports, seconds: number): () => void {
  let running = false;
  async function tick() {
    if (running) return;
    running = true;
    try {
      await runLoggedJob(ports);
    } catch {
      // Logged by runLoggedJob; the next tick tries again.
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void tick(), seconds * 1000);
  return () => clearInterval(timer);
}
