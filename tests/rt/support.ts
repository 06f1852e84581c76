/**
 * @module
 * A private Request Tracker 5 and a portal connected to it, for the connector's tests: the portal
 * in-process over its own libSQL file (its clock moved by the test, its sync run when the test
 * says), and RT's side played through REST2 as an agent (`root`) would play it.
 */
import { connectorFromConfig } from '../../edge/connectors/index.ts';
import { enqueueEvents } from '../../edge/connectors/outbox.ts';
import { syncConnector } from '../../edge/connectors/sync.ts';
import { runScheduledJob } from '../../edge/jobs/scheduled.ts';
import { startPrivateRt, type PrivateRt } from '../../edge/node/private-rt.ts';
import { startPortal } from '../support/app.ts';

/** A queue per top-level demo category, as `npm run demo:rt` makes them. */
export const DEMO_QUEUES = {
  software: 'Software',
  infra: 'Infrastructure',
  account: 'Accounts',
};

/**
 * A private RT with the demo's queues for one test file. A low bcrypt cost: RT checks the token
 * on each REST2 request, about 0.2 s of CPU at RT's default cost.
 */
export function startTestRt(): Promise<PrivateRt> {
  return startPrivateRt(Object.values(DEMO_QUEUES), { bcryptCost: 4 });
}

export function rtEnv(rt: PrivateRt, extra: Record<string, string> = {}) {
  return {
    RT_URL: rt.url,
    RT_TOKEN: rt.token,
    RT_QUEUES: JSON.stringify(DEMO_QUEUES),
    ...extra,
  };
}

/** A portal connected to `rt` from now on (its earlier tickets stay out of RT). */
export async function connectedPortal(rt: PrivateRt, extra: Record<string, string> = {}) {
  const portal = await startPortal(rtEnv(rt, extra));
  const connector = connectorFromConfig(portal.ports.config)!;
  portal.ports.connector = connector;
  await enqueueEvents(portal.db, portal.clock.now());
  return {
    ...portal,
    connector,
    sync: () => syncConnector(portal.ports, connector),
    /** The whole scheduled job, as the timer runs it: the sync, then webhooks and mail. */
    job: () => runScheduledJob(portal.ports),
  };
}

export type ConnectedPortal = Awaited<ReturnType<typeof connectedPortal>>;

export interface RtFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

interface Transaction {
  id: string;
  Type: string;
  Creator: { id: string };
  Field: string;
  NewValue: string;
}

/** RT as an agent uses it, through REST2. */
export function rtAgent(rt: PrivateRt) {
  const base = `${rt.url}/REST/2.0`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: rt.agentAuthorization,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`RT ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  const attachmentsOf = (files: RtFile[]) =>
    files.map((file) => ({
      FileName: file.name,
      FileType: file.type,
      FileContent: Buffer.from(file.bytes).toString('base64'),
    }));

  const agent = {
    ticket: (id: string) => call<Record<string, unknown>>('GET', `/ticket/${id}`),
    /** The RT ticket made for a portal ticket, by the marker the connector set. */
    async ticketOf(portalTicketId: string): Promise<string | null> {
      const query = encodeURIComponent(`'CF.{Portal ticket}' = '${portalTicketId}'`);
      const found = await call<{ items: { id: string }[] }>('GET', `/tickets?query=${query}`);
      return found.items[0]?.id ?? null;
    },
    async countTickets(): Promise<number> {
      const query = encodeURIComponent(`id > 0`);
      return (await call<{ total: number }>('GET', `/tickets?query=${query}&per_page=1`)).total;
    },
    async history(id: string): Promise<Transaction[]> {
      const items: Transaction[] = [];
      for (let page = 1; ; page++) {
        const result = await call<{ items: Transaction[]; pages: number }>(
          'GET',
          `/ticket/${id}/history?fields=Type,Creator,Field,NewValue&per_page=100&page=${page}`,
        );
        items.push(...result.items);
        if (page >= result.pages) return items;
      }
    },
    /**
     * The ticket's messages, oldest first (the Create's content first): each one's text (its
     * plain-text parts) and files with their bytes. Two searches, then one read per file.
     */
    async messages(id: string): Promise<{ type: string; text: string; files: RtFile[] }[]> {
      const history = await agent.history(id);
      const parts: {
        id: string;
        TransactionId: string;
        Filename: string;
        ContentType: string;
        Content: string;
      }[] = [];
      for (let page = 1; ; page++) {
        const result = await call<{ items: typeof parts; pages: number }>(
          'GET',
          `/ticket/${id}/attachments?fields=TransactionId,Filename,ContentType,Content&per_page=100&page=${page}`,
        );
        parts.push(...result.items);
        if (page >= result.pages) break;
      }
      const out = [];
      for (const transaction of history) {
        if (!['Create', 'Correspond', 'Comment'].includes(transaction.Type)) continue;
        const own = parts.filter((part) => String(part.TransactionId) === String(transaction.id));
        const text = own
          .filter((part) => !part.Filename && part.ContentType === 'text/plain')
          .map((part) => part.Content)
          .join('');
        const files = await Promise.all(
          own
            .filter((part) => part.Filename)
            .map(async (part) => {
              const file = await call<{ Content: string }>('GET', `/attachment/${part.id}`);
              return {
                name: part.Filename,
                type: part.ContentType,
                bytes: new Uint8Array(Buffer.from(file.Content, 'base64')),
              };
            }),
        );
        out.push({ type: transaction.Type, text, files });
      }
      return out;
    },
    correspond: (id: string, text: string, files: RtFile[] = []) =>
      call('POST', `/ticket/${id}/correspond`, {
        Content: text,
        ContentType: 'text/plain',
        ...(files.length > 0 && { Attachments: attachmentsOf(files) }),
      }),
    /** A reply as RT's web interface writes it, with its rich-text editor: HTML only. */
    correspondHtml: (id: string, html: string) =>
      call('POST', `/ticket/${id}/correspond`, { Content: html, ContentType: 'text/html' }),
    comment: (id: string, text: string) =>
      call('POST', `/ticket/${id}/comment`, { Content: text, ContentType: 'text/plain' }),
    setStatus: (id: string, status: string) => call('PUT', `/ticket/${id}`, { Status: status }),
    /** An RT ticket not from the portal: made by an agent, in General. */
    create: (subject: string) =>
      call<{ id: string }>('POST', '/ticket', {
        Queue: 'General',
        Subject: subject,
        Requestor: 'someone@example.com',
        Content: 'made in RT',
        ContentType: 'text/plain',
      }),
  };
  return agent;
}

export type RtAgent = ReturnType<typeof rtAgent>;
