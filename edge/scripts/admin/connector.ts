/**
 * @module
 * Admin commands of the ticket tool connection (Request Tracker): sync once now, list what was
 * sent or refused (a dead delivery is a customer's message RT refused for good), send one again.
 */
import { listConnectorDeliveries, retryDelivery } from '../../connectors/outbox.ts';
import { syncConnector } from '../../connectors/sync.ts';
import { CONNECTOR_DELIVERY_STATUSES } from '../../db/schema.ts';
import type { Ports, TicketConnector } from '../../ports.ts';
import type { AdminCommand } from './command.ts';
import { options, UsageError } from './command.ts';

function connectorOf(ports: Ports): TicketConnector {
  if (!ports.connector)
    throw new UsageError('no ticket tool is connected: set RT_URL and RT_TOKEN');
  return ports.connector;
}

export const connectorCommands: Record<string, AdminCommand> = {
  'rt:sync': {
    usage: '',
    summary: 'Sync with Request Tracker once: send what is due, apply what changed in RT.',
    async run(_args, ports, out) {
      const report = await syncConnector(ports, connectorOf(ports));
      out.log(
        `Queued ${report.queued}; to RT: ${report.push.delivered} sent, ${report.push.failed} to retry, ${report.push.dead} refused; from RT: ${report.pull.applied} applied on ${report.pull.tickets} tickets, ${report.pull.skipped} skipped`,
      );
      const dead = await listConnectorDeliveries(ports.db, 'dead');
      if (dead.length > 0)
        out.log(
          `${dead.length} deliveries refused for good: npm run admin -- rt:deliveries --status dead`,
        );
    },
  },
  'rt:deliveries': {
    usage: '[--status pending|delivered|dead]',
    summary: 'List what was sent to Request Tracker, newest first, with the last error.',
    async run(args, { db }, out) {
      const { values } = options(args, { status: { type: 'string' } });
      const status = values.status as (typeof CONNECTOR_DELIVERY_STATUSES)[number] | undefined;
      if (status && !CONNECTOR_DELIVERY_STATUSES.includes(status))
        throw new UsageError(`--status must be one of ${CONNECTOR_DELIVERY_STATUSES.join(', ')}`);
      const rows = await listConnectorDeliveries(db, status);
      if (rows.length === 0) out.log('No deliveries.');
      for (const row of rows) {
        const error = row.lastError ? `  ${row.lastError}` : '';
        out.log(
          `#${row.seq} ${row.status} ${row.kind} ticket ${row.ticketId} attempts ${row.attempts}${error}`,
        );
      }
    },
  },
  'rt:retry': {
    usage: '<delivery number>',
    summary: 'Send a refused (dead) delivery to Request Tracker again at the next sync.',
    async run(args, { db, clock }, out) {
      const { positionals } = options(args, {});
      const seq = Number(positionals[0]?.replace(/^#/, ''));
      if (!Number.isSafeInteger(seq) || !(await retryDelivery(db, seq, clock.now())))
        throw new UsageError('no dead delivery with this number');
      out.log(`Delivery #${seq} will be sent again.`);
    },
  },
};
