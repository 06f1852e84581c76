/**
 * @module
 * The scheduled job: auto-accepts aged solutions, then delivers due webhooks (the new
 * `solution_auto_accepted` ones included) and due e-mails (the customers' notifications too).
 * Workers run it from a Cron Trigger, Node and Deno from a timer, the admin command once on
 * demand; runs may overlap safely.
 */
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
 * Runs the job every `seconds` on a timer (Node, Deno), never two at once in one process;
 * returns a function that stops it.
 */
export function startJobTimer(ports: Ports, seconds: number): () => void {
  let running = false;
  async function tick() {
    if (running) return;
    running = true;
    try {
      await runScheduledJob(ports);
    } catch (error) {
      console.error('scheduled job failed', error);
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void tick(), seconds * 1000);
  return () => clearInterval(timer);
}
