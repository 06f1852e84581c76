/**
 * @module
 * Request Tracker 5 as the portal's ticket tool, through its REST2 API (`/REST/2.0/`) and `fetch`
 * only, so it runs on Workers, Node and Deno alike. The portal's id of a ticket lives in a ticket
 * custom field, a customer message's id in a transaction custom field: both found again by search
 * when an answer was lost. Changes made by the connector's own RT user are never echoed back.
 */
import { fromBase64Url, toBase64 } from '../lib/encoding.ts';
import { htmlToText } from '../lib/html-text.ts';
import {
  PermanentConnectorError,
  type ConnectorFile,
  type ExternalChange,
  type ExternalStatus,
  type ExternalTicketInput,
  type TicketConnector,
} from '../ports.ts';

export interface RtOptions {
  /** RT's address, e.g. `https://rt.example.com` (REST2 lives under `/REST/2.0/`). */
  url: string;
  /** The `Authorization` header: `token …`, or `Basic …` in development. */
  authorization: string;
  ticketField: string;
  messageField: string;
  solutionField?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** RT's statuses (its default lifecycle) in the portal's words. */
const STATUS_OF: Record<string, ExternalStatus> = {
  new: 'open',
  open: 'open',
  stalled: 'waiting',
  resolved: 'solved',
  rejected: 'closed',
  deleted: 'closed',
};

interface RtRef {
  id: string;
}

interface RtTransaction {
  id: string;
  Type: string;
  Creator: RtRef;
  Field: string;
  NewValue: string;
}

interface RtAttachmentItem {
  id: string;
  Filename: string;
  ContentType: string;
  Content: string;
}

interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** How far back a poll looks beyond the last one: clocks and RT's one-second dates disagree. */
const POLL_OVERLAP_SECONDS = 60;

/** The poll's cursor: RT's time of the last poll (its `Date` header), and RT's clock offset. */
interface PollCursor {
  rtTime: number;
  offsetMs: number;
}

export function rtConnector(options: RtOptions): TicketConnector {
  const base = `${options.url.replace(/\/+$/, '')}/REST/2.0`;
  // Called bare, never as a method of another object (workerd refuses that).
  const send =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  /** The RT users who made each ticket: the connector's own user, whose changes are not news. */
  const creators = new Map<string, string>();

  /** RT's own time of its latest answer (its `Date` header). */
  let rtDate = 0;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(`${base}${path}`, {
      method,
      headers: {
        Authorization: options.authorization,
        Accept: 'application/json',
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    rtDate = Date.parse(response.headers.get('Date') ?? '') || rtDate;
    if (!response.ok) {
      const message = `RT ${method} ${path}: ${response.status} ${text.slice(0, 300)}`;
      // 408 and 429 pass with time; any other 4xx will be refused again as it is.
      const permanent =
        response.status >= 400 &&
        response.status < 500 &&
        ![401, 403, 408, 429].includes(response.status);
      throw permanent ? new PermanentConnectorError(message) : new Error(message);
    }
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Every page of a collection. */
  async function all<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const result = await call<Page<T>>(
        method,
        `${path}${separator}per_page=100&page=${page}`,
        body,
      );
      items.push(...result.items);
      if (page >= result.pages) return items;
    }
  }

  function ticketQuery(
    query: string,
    fields: string,
  ): Promise<{ id: string; [key: string]: unknown }[]> {
    return all('GET', `/tickets?query=${encodeURIComponent(query)}&fields=${fields}`);
  }

  async function creatorOf(externalId: string): Promise<string> {
    let creator = creators.get(externalId);
    if (!creator) {
      const ticket = await call<{ Creator: RtRef }>('GET', `/ticket/${externalId}`);
      creator = ticket.Creator.id;
      creators.set(externalId, creator);
    }
    return creator;
  }

  function transactionsOf(externalId: string, conditions: unknown[], fields: string) {
    return all<RtTransaction>('POST', `/transactions?fields=${fields}&orderby=id&order=ASC`, [
      { field: 'ObjectType', value: 'RT::Ticket' },
      { field: 'ObjectId', value: Number(externalId) },
      ...conditions,
    ]);
  }

  /**
   * A message's text and its files, from its attachment rows. The text is its plain-text parts,
   * or the text of its HTML ones: RT's web interface writes HTML only.
   */
  function message(parts: RtAttachmentItem[]) {
    const texts = (type: string) =>
      parts.filter((part) => !part.Filename && part.ContentType === type).map((p) => p.Content);
    const plain = texts('text/plain');
    const text =
      plain.length > 0 ? plain.join('\n\n') : texts('text/html').map(htmlToText).join('\n\n');
    return { text, files: parts.filter((part) => part.Filename) };
  }

  async function messageParts(transactionId: string) {
    return message(
      await all<RtAttachmentItem>(
        'GET',
        `/transaction/${transactionId}/attachments?fields=Filename,ContentType,Content`,
      ),
    );
  }

  /** The attachment rows of a ticket's transactions after `after`, one search for them all. */
  async function partsAfter(externalId: string, after: number) {
    const rows = await all<RtAttachmentItem & { TransactionId: string }>(
      'POST',
      `/ticket/${externalId}/attachments?fields=TransactionId,Filename,ContentType,Content`,
      [{ field: 'TransactionId', operator: '>', value: after }],
    );
    const byTransaction = new Map<string, RtAttachmentItem[]>();
    for (const row of rows) {
      const list = byTransaction.get(String(row.TransactionId)) ?? [];
      list.push(row);
      byTransaction.set(String(row.TransactionId), list);
    }
    return byTransaction;
  }

  async function files(parts: RtAttachmentItem[]): Promise<ConnectorFile[]> {
    return Promise.all(
      parts.map(async (part) => {
        const attachment = await call<{ Content: string }>('GET', `/attachment/${part.id}`);
        return {
          name: part.Filename,
          contentType: part.ContentType,
          bytes: fromBase64Url(attachment.Content.replace(/\s+/g, '')),
        };
      }),
    );
  }

  function attachmentsOf(list: ConnectorFile[]) {
    return list.map((file) => ({
      FileName: file.name,
      FileType: file.contentType,
      FileContent: toBase64(file.bytes),
    }));
  }

  return {
    name: 'rt',

    async findTicket(marker) {
      const found = await ticketQuery(`'CF.{${options.ticketField}}' = '${marker}'`, 'id');
      return found[0] ? String(found[0].id) : null;
    },

    async createTicket(input: ExternalTicketInput) {
      const created = await call<{ id: string }>('POST', '/ticket', {
        Queue: input.queue,
        Subject: input.subject,
        Requestor: input.requestor,
        Cc: input.cc.join(', '),
        Priority: input.priority,
        Content: input.content,
        ContentType: 'text/plain',
        CustomFields: { [options.ticketField]: input.marker },
        ...(input.refersTo && { RefersTo: input.refersTo }),
        ...(input.files.length > 0 && { Attachments: attachmentsOf(input.files) }),
      });
      return String(created.id);
    },

    async hasMessage(externalId, marker) {
      const found = await transactionsOf(
        externalId,
        [{ field: `CF.{${options.messageField}}`, value: marker }],
        'Type',
      );
      return found.length > 0;
    },

    async addMessage(externalId, message) {
      await call('POST', `/ticket/${externalId}/correspond`, {
        Content: message.text,
        ContentType: 'text/plain',
        TxnCustomFields: { [options.messageField]: message.marker },
        ...(message.files.length > 0 && { Attachments: attachmentsOf(message.files) }),
      });
    },

    async setStatus(externalId, status) {
      const rtStatus = status === 'solved' ? 'resolved' : 'open';
      const ticket = await call<{ Status: string }>('GET', `/ticket/${externalId}`);
      if (ticket.Status !== rtStatus)
        await call('PUT', `/ticket/${externalId}`, { Status: rtStatus });
    },

    async changedTickets(cursor) {
      const previous = cursor ? (JSON.parse(cursor) as PollCursor) : null;
      const started = Date.now();
      let query = `'CF.{${options.ticketField}}' IS NOT NULL`;
      if (previous) {
        const rtNow = started + previous.offsetMs;
        const seconds = Math.ceil((rtNow - previous.rtTime) / 1000) + POLL_OVERLAP_SECONDS;
        // Relative to RT's own clock: an absolute date would be read in the RT user's timezone.
        query += ` AND LastUpdated > '${seconds} seconds ago'`;
      }
      const tickets = await ticketQuery(query, 'id,Creator');
      for (const ticket of tickets) creators.set(String(ticket.id), (ticket.Creator as RtRef).id);
      // RT's time when the search ran (about): changes after it come in the next poll.
      const rtTime = rtDate ? rtDate - 1000 : started;
      const next: PollCursor = { rtTime, offsetMs: rtTime - started };
      return {
        tickets: tickets.map((ticket) => ({ externalId: String(ticket.id) })),
        cursor: JSON.stringify(next),
      };
    },

    async changes(externalId, after) {
      const connectorUser = await creatorOf(externalId);
      const transactions = await transactionsOf(
        externalId,
        [{ field: 'id', operator: '>', value: after }],
        'Type,Creator,Field,NewValue',
      );
      const changes: ExternalChange[] = [];
      let lastByConnector = false;
      for (const transaction of transactions) {
        const id = Number(transaction.id);
        const creator = transaction.Creator.id;
        // RT's own moves right after the connector's message (stalled → open) are its echo.
        const byConnector =
          creator === connectorUser || (creator === 'RT_System' && lastByConnector);
        if (creator !== 'RT_System') lastByConnector = creator === connectorUser;
        const common = { id, byConnector, author: creator };
        if (transaction.Type === 'Correspond' && !byConnector) {
          changes.push({ ...common, type: 'reply' });
        } else if (transaction.Type === 'Comment') {
          changes.push({ ...common, type: 'note' });
        } else if (transaction.Type === 'Status' && transaction.Field === 'Status') {
          const status = STATUS_OF[transaction.NewValue] ?? 'other';
          changes.push({ ...common, type: 'status', status, text: transaction.NewValue });
        } else {
          changes.push({ ...common, type: 'other' });
        }
      }
      // The agents' messages: their texts and files in one search, not one per message.
      const replies = changes.filter((change) => change.type === 'reply');
      if (replies.length > 0) {
        const parts = await partsAfter(externalId, after);
        for (const reply of replies) {
          const { text, files: fileParts } = message(parts.get(String(reply.id)) ?? []);
          reply.text = text;
          reply.files = () => files(fileParts);
        }
      }
      return changes;
    },

    async solutionText(externalId) {
      if (options.solutionField) {
        const ticket = await call<{ CustomFields: { name: string; values: string[] }[] }>(
          'GET',
          `/ticket/${externalId}`,
        );
        const field = ticket.CustomFields.find((cf) => cf.name === options.solutionField);
        const value = field?.values.join('\n').trim();
        if (value) return value;
      }
      const connectorUser = await creatorOf(externalId);
      const replies = await transactionsOf(
        externalId,
        [{ field: 'Type', value: 'Correspond' }],
        'Creator',
      );
      const last = replies.filter((reply) => reply.Creator.id !== connectorUser).at(-1);
      return last ? (await messageParts(last.id)).text : null;
    },
  };
}
