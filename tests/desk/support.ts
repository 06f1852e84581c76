/**
 * @module
 * The desk's side in tests: an integration key on a test portal, requests with it, the app
 * "restarted" over the same database file, and a real webhook receiver on loopback.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../../edge/app.ts';
import * as schema from '../../edge/db/schema.ts';
import { createIntegrationKey } from '../../edge/domain/integration-keys.ts';
import type { Ports } from '../../edge/ports.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

export class DeskClient {
  constructor(
    readonly app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
    readonly key: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.key}`);
    return this.app.request(path, { ...init, headers });
  }

  get(path: string) {
    return this.request(path);
  }

  send(method: string, path: string, body?: unknown) {
    return this.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async json<T = any>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    if (response.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${text}`);
    }
    return text ? JSON.parse(text) : (undefined as T);
  }
}

export async function startDesk(env: Record<string, string> = {}) {
  const portal = await startPortal(env);
  const { key } = await createIntegrationKey(portal.db, 'Test desk', portal.clock.now());
  return { portal, desk: new DeskClient(portal, key), key };
}

/**
 * A second app and set of ports over the same database file, as after a process restart: only
 * what is in the database survives. The caller closes the returned client.
 */
export function restart(portal: TestPortal, overrides: Partial<Ports> = {}) {
  const client = createClient({ url: `file:${portal.dir}/portal.db` });
  const ports: Ports = { ...portal.ports, db: drizzle(client, { schema }), ...overrides };
  return { ports, app: createApp(ports), client };
}

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1. It can be down (nothing listening on its port) and then up
 * on the same port, and answer with any status.
 */
export class Receiver {
  readonly received: ReceivedHook[] = [];
  /** What to answer; a function may also wait (to provoke a timeout). */
  respond: (hook: ReceivedHook) => number | Promise<number> = () => 204;
  private server: Server | null = null;

  private constructor(readonly port: number) {}

  /** Reserves a free port and leaves the receiver down. */
  static async reserve(): Promise<Receiver> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return new Receiver(port);
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async up(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void this.answer(request, response, chunks));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Records the hook and answers as `respond` says (a redirect points back here). */
  private async answer(request: IncomingMessage, response: ServerResponse, chunks: Buffer[]) {
    const hook = {
      path: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.received.push(hook);
    try {
      response.statusCode = await this.respond(hook);
    } catch {
      response.statusCode = 500;
    }
    if (response.statusCode >= 300 && response.statusCode < 400) {
      response.setHeader('location', `http://127.0.0.1:${this.port}/elsewhere`);
    }
    response.end();
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
