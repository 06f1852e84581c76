/**
 * @module
 * Admin commands that play the service desk: integration keys, webhook subscriptions, moving a
 * ticket, proposing a solution, a public comment, and running the scheduled job once. They use
 * the same domain functions as the desk API, so the command line cannot do what the API refuses.
 */
import {
  deskCommentBody,
  deskSolutionBody,
  deliveryListQuery,
  deskStatusBody,
  webhookSecretBody,
  webhookSubscriptionBody,
} from '../../../contract/desk-schemas.ts';
import { applyDeskAction, type DeskAction } from '../../domain/desk-actions.ts';
import {
  createIntegrationKey,
  listIntegrationKeys,
  revokeIntegrationKey,
} from '../../domain/integration-keys.ts';
import { ApiError } from '../../errors.ts';
import { runScheduledJob } from '../../jobs/scheduled.ts';
import { deskActor } from '../../middleware/desk-auth.ts';
import { nodeWebhookPorts } from '../../node/webhook-fetch.ts';
import type { Ports } from '../../ports.ts';
import {
  createSubscription,
  listDeliveries,
  listSubscriptions,
  redeliver,
  removeSubscription,
  rotateSecret,
} from '../../webhooks/subscriptions.ts';
import type { AdminCommand, AdminOutput } from './command.ts';
import { options, required, UsageError } from './command.ts';

/** The desk's refusals (a move the ticket's state forbids, a refused URL) read as usage errors. */
async function explained<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const fields = error.fields ? ` (${JSON.stringify(error.fields)})` : '';
    throw new UsageError(`${error.code}: ${error.message}${fields}`);
  }
}

function ticketNumber(value: string | undefined): number {
  const number = Number(required(value, 'number'));
  if (!Number.isSafeInteger(number) || number < 1) throw new UsageError('not a ticket number');
  return number;
}

async function act(ports: Ports, out: AdminOutput, number: number, action: DeskAction) {
  const { db, clock, config } = ports;
  await explained(
    applyDeskAction(db, number, deskActor(null), action, clock.now(), {
      portalUrl: config.PORTAL_URL,
      tokenSecret: config.TOKEN_SECRET,
    }),
  );
  out.log(`Ticket ${number}: ${action.action} done`);
}

export const deskCommands: Record<string, AdminCommand> = {
  'key:create': {
    usage: '--name <name>',
    summary: 'Create an integration key for /api/desk; the key is shown only now.',
    async run(args, { db, clock }, out) {
      const { values } = options(args, { name: { type: 'string' } });
      const created = await createIntegrationKey(db, required(values.name, 'name'), clock.now());
      out.log(`Created key ${created.id} (${created.name}). Keep it now, it is not stored:`);
      out.log(created.key);
    },
  },
  'key:revoke': {
    usage: '<key id or prefix>',
    summary: 'Revoke an integration key: requests with it get 401 from now on.',
    async run(args, { db, clock }, out) {
      const { positionals } = options(args, {});
      const id = required(positionals[0], 'id');
      if (!(await revokeIntegrationKey(db, id, clock.now()))) {
        throw new UsageError(`no live key ${id}`);
      }
      out.log(`Revoked ${id}`);
    },
  },
  'key:list': {
    usage: '',
    summary: 'List integration keys (prefix only).',
    async run(_args, { db }, out) {
      out.table(await listIntegrationKeys(db));
    },
  },
  'webhook:add': {
    usage: '--url <url> [--events ticket.created,...] [--secret <secret>]',
    summary: 'Subscribe a URL to webhooks; the signing secret is shown only now.',
    async run(args, ports, out) {
      const { values } = options(args, {
        url: { type: 'string' },
        events: { type: 'string' },
        secret: { type: 'string' },
      });
      const input = webhookSubscriptionBody.parse({
        url: required(values.url, 'url'),
        events: values.events?.split(','),
        secret: values.secret,
      });
      const created = await explained(
        createSubscription({ ...ports, ...nodeWebhookPorts(ports.config.ENVIRONMENT) }, input),
      );
      out.log(`Subscribed ${created.id} to ${created.events.join(', ')}`);
      out.log(`Signing secret: ${created.secret}`);
    },
  },
  'webhook:rotate': {
    usage: '<subscription id> [--secret <secret>] [--overlap-hours 24]',
    summary: 'Give a subscription a new signing secret; the old one still signs for the overlap.',
    async run(args, ports, out) {
      const { values, positionals } = options(args, {
        secret: { type: 'string' },
        'overlap-hours': { type: 'string' },
      });
      const overlap = values['overlap-hours'];
      const input = webhookSecretBody.parse({
        secret: values.secret,
        ...(overlap !== undefined && { overlapHours: Number(overlap) }),
      });
      const rotated = await explained(rotateSecret(ports, required(positionals[0], 'id'), input));
      out.log(`Signing secret: ${rotated.secret}`);
      out.log(
        rotated.previousSecretUntil
          ? `The previous secret still signs until ${rotated.previousSecretUntil}`
          : 'The previous secret no longer signs',
      );
    },
  },
  'webhook:remove': {
    usage: '<subscription id>',
    summary: 'Remove a subscription; its pending deliveries are marked dead.',
    async run(args, ports, out) {
      const id = required(options(args, {}).positionals[0], 'id');
      if (!(await removeSubscription(ports, id))) throw new UsageError(`no subscription ${id}`);
      out.log(`Removed ${id}`);
    },
  },
  'webhook:list': {
    usage: '',
    summary: 'List active webhook subscriptions.',
    async run(_args, ports, out) {
      out.table(await listSubscriptions(ports));
    },
  },
  'webhook:deliveries': {
    usage: '<subscription id> [--status pending|delivered|dead]',
    summary: "List a subscription's latest deliveries, with their last error.",
    async run(args, ports, out) {
      const { values, positionals } = options(args, { status: { type: 'string' } });
      const filter = deliveryListQuery.parse({ status: values.status });
      const id = required(positionals[0], 'id');
      out.table(await explained(listDeliveries(ports, id, filter)));
    },
  },
  'webhook:retry': {
    usage: '<subscription id> <delivery id>',
    summary: 'Send a dead delivery again, with a fresh set of attempts.',
    async run(args, ports, out) {
      const { positionals } = options(args, {});
      const [id, deliveryId] = [
        required(positionals[0], 'id'),
        required(positionals[1], 'delivery'),
      ];
      await explained(redeliver(ports, id, deliveryId));
      out.log(`Delivery ${deliveryId} is due again`);
    },
  },
  'ticket:status': {
    usage: '<number> in_progress|waiting_for_customer|closed',
    summary: 'Move a ticket, as the desk (closed from any open status cancels it).',
    async run(args, ports, out) {
      const { positionals } = options(args, {});
      const { status } = deskStatusBody.parse({ status: required(positionals[1], 'status') });
      await act(ports, out, ticketNumber(positionals[0]), { action: 'status', status });
    },
  },
  'ticket:solve': {
    usage: '<number> --solution <text>',
    summary: 'Propose a solution: the ticket becomes resolved, awaiting the customer.',
    async run(args, ports, out) {
      const { values, positionals } = options(args, { solution: { type: 'string' } });
      const { solution } = deskSolutionBody.parse({
        solution: required(values.solution, 'solution'),
      });
      await act(ports, out, ticketNumber(positionals[0]), { action: 'solution', solution });
    },
  },
  'ticket:comment': {
    usage: '<number> --text <text> [--awaiting-customer]',
    summary:
      "Add a public comment to the ticket's thread; --awaiting-customer: it asks the customer something (waiting_for_customer).",
    async run(args, ports, out) {
      const { values, positionals } = options(args, {
        text: { type: 'string' },
        'awaiting-customer': { type: 'boolean' },
      });
      const body = deskCommentBody.parse({
        text: required(values.text, 'text'),
        awaitingCustomer: values['awaiting-customer'] === true,
      });
      await act(ports, out, ticketNumber(positionals[0]), { action: 'comment', ...body });
    },
  },
  'jobs:run': {
    usage: '',
    summary:
      'Run the scheduled job once: auto-accept aged solutions, deliver due webhooks and e-mails.',
    async run(_args, ports, out) {
      const report = await runScheduledJob({
        ...ports,
        ...nodeWebhookPorts(ports.config.ENVIRONMENT),
      });
      out.log(JSON.stringify(report));
    },
  },
};
