/**
 * @module
 * The ports the app is built from. Each runtime entry point (worker.ts, node.ts, deno.ts) wires
 * real implementations; the app itself never knows which runtime it runs on.
 */
import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { AppConfig } from './config.ts';
import type * as schema from './db/schema.ts';
import type { InTurn } from './lib/turns.ts';

/** Drizzle over a libSQL client, which `db/reads.ts` uses directly to send reads together. */
export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

export interface StoredObject {
  body: ReadableStream<Uint8Array>;
  size: number;
}

/**
 * Where attachment bytes live: the subset of Cloudflare's R2 bucket binding the portal uses, so
 * an `R2Bucket` is one as it is, and other runtimes provide the same four methods.
 */
export interface AttachmentStore {
  /**
   * Stores the bytes under the key. A stream is read to its end as the store writes it (files
   * arrive this way, never whole); when the stream fails, `put` rejects and nothing is left under
   * the key. R2 needs a known length, so on Workers the stream is gathered first (r2-store.ts).
   */
  put(
    key: string,
    value: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array,
    options?: { httpMetadata?: { contentType?: string } },
  ): Promise<unknown>;
  get(key: string): Promise<StoredObject | null>;
  head(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
  /**
   * Keys under a prefix, for the orphan check (`storage:check`). Optional: R2 lists natively
   * (with a cursor, see the storage command), the disk and Deno stores implement this.
   */
  list?(prefix: string): Promise<string[]>;
  /**
   * Keys under a prefix whose object was written before `before`: retention's candidates for the
   * bytes of uploads that never committed their row. Every store the runtimes wire has it.
   */
  keysWrittenBefore?(prefix: string, before: Date): Promise<string[]>;
  /**
   * Half-written files of uploads that a crash cut off (stores that write beside the object and
   * rename), last touched before `before`; with `remove`, deleted. Optional: R2 has none.
   */
  unfinishedWrites?(before: Date, remove: boolean): Promise<number>;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A file going to or coming from a ticket tool, whole (attachments are size-limited). */
export interface ConnectorFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A portal ticket as the tool gets it. */
export interface ExternalTicketInput {
  /** The portal's id of the ticket, kept by the tool so the ticket can be found again. */
  marker: string;
  queue: string;
  subject: string;
  /** The requester's e-mail. */
  requestor: string;
  /** Colleagues in copy, by e-mail. */
  cc: string[];
  priority: number;
  content: string;
  files: ConnectorFile[];
  /** The tool's id of the ticket this one follows up. */
  refersTo?: string;
}

/** A customer's message: `marker` (the timeline event's id) finds it again after a lost answer. */
export interface ExternalMessage {
  marker: string;
  text: string;
  files: ConnectorFile[];
}

/** Where a ticket stands in the tool, in the portal's words. */
export type ExternalStatus = 'open' | 'waiting' | 'solved' | 'closed' | 'other';

/** One change (transaction) of a ticket in the tool, oldest first. */
export interface ExternalChange {
  /** Increasing per ticket: the cursor of what was applied. */
  id: number;
  /** Made by the connector itself (a customer's message, a status it set): never echoed back. */
  byConnector: boolean;
  /** `note` is internal and never leaves the tool. */
  type: 'reply' | 'note' | 'status' | 'other';
  author: string | null;
  /** For `reply`: its text. For `status`: the new status. */
  text?: string;
  status?: ExternalStatus;
  /** For `reply`: its files, fetched only when asked. */
  files?: () => Promise<ConnectorFile[]>;
}

/** A ticket the tool changed since a cursor. */
export interface ExternalTicketChanged {
  externalId: string;
}

/**
 * What a ticket tool must do for the portal (Request Tracker is the first: connectors/rt.ts).
 * The sync engine (connectors/sync.ts) is written once against this.
 */
export interface TicketConnector {
  readonly name: string;
  /** The tool's ticket that carries `marker`, or null: how a lost create answer is recovered. */
  findTicket(marker: string): Promise<string | null>;
  createTicket(input: ExternalTicketInput): Promise<string>;
  /** Whether a message with this marker is already on the ticket. */
  hasMessage(externalId: string, marker: string): Promise<boolean>;
  addMessage(externalId: string, message: ExternalMessage): Promise<void>;
  /** Solved when the customer accepts; open again when they reject. Idempotent. */
  setStatus(externalId: string, status: 'solved' | 'open'): Promise<void>;
  /** Portal tickets changed in the tool since `cursor` (null: from now on), and the next cursor. */
  changedTickets(
    cursor: string | null,
  ): Promise<{ tickets: ExternalTicketChanged[]; cursor: string }>;
  /** A ticket's changes after the change `after`, oldest first. */
  changes(externalId: string, after: number): Promise<ExternalChange[]>;
  /** The solution text when the tool keeps it apart from the messages (a custom field), or null. */
  solutionText(externalId: string): Promise<string | null>;
}

/** A refusal the tool will repeat whatever the retry (a 4xx): the delivery is marked dead. */
export class PermanentConnectorError extends Error {}

/** Cloudflare's rate-limiting binding (`[[ratelimits]]` in wrangler.toml), as the portal uses it. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Workers: per-address and per-e-mail limits kept by Cloudflare instead of the database. */
export interface EdgeRateLimits {
  address: RateLimitBinding;
  email: RateLimitBinding;
  /** The bindings' period (10 or 60 seconds): how long a refused client is told to wait. */
  periodSeconds: number;
}

export interface Clock {
  now(): Date;
}

/** The addresses a host name resolves to, for checking webhook URLs after resolution. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export interface Ports {
  db: Database;
  store: AttachmentStore;
  mailer: Mailer;
  clock: Clock;
  config: AppConfig;
  /**
   * The client's address as the runtime sees it (`env` is what the runtime passed to `fetch`):
   * CF-Connecting-IP on Workers, the socket's address on Node and Deno. Used for rate limits.
   */
  clientAddress?: (request: Request, env: unknown) => string | undefined;
  /** Set on Workers when the bindings exist; elsewhere the limits are counted in the database. */
  edgeRateLimits?: EdgeRateLimits;
  /** Where the runtime can resolve names (Node); Workers cannot, see SECURITY.md. */
  resolveHost?: HostResolver;
  /**
   * How webhooks are sent where the runtime's own fetch will not do: on Node, connections that
   * check each address they connect to (`node/webhook-fetch.ts`). Elsewhere, `fetch`.
   */
  webhookFetch?: typeof fetch;
  /**
   * Password hashes (log in, password changes) run in these turns where set (Node, Deno): a
   * few at once, so that a flood of log ins leaves a core to every other route (`lib/turns.ts`).
   */
  passwordTurns?: InTurn;
  /** The ticket tool the portal is connected to (config `RT_URL`), synced by the job. */
  connector?: TicketConnector;
}

/** Runs a password hash in the runtime's turns, or at once where it has none. */
export function inPasswordTurn<T>(ports: Ports, hash: () => Promise<T>): Promise<T> {
  return ports.passwordTurns ? ports.passwordTurns(hash) : hash();
}

export const systemClock: Clock = { now: () => new Date() };
