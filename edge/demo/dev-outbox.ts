/**
 * @module
 * `GET /dev/outbox` (development only, mounted by edge/node.ts and edge/worker.ts, never by the
 * product app): the mail outbox newest first, with the link each e-mail carries, so a demo user
 * can follow a set-password or ticket link without a mail provider. Web APIs only.
 */
import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import { mailOutbox } from '../db/schema.ts';
import type { Database } from '../ports.ts';

const LIMIT = 50;

/** The first http(s) link of the plain text: the e-mail's one action. */
function linkOf(text: string): string | null {
  return /https?:\/\/\S+/.exec(text)?.[0] ?? null;
}

/** `dbOf` gives the database of a request's env, as `createApp`'s ports do. */
export function devOutboxApp(dbOf: (env: unknown) => Database) {
  return new Hono().get('/dev/outbox', async (c) => {
    const rows = await dbOf(c.env)
      .select()
      .from(mailOutbox)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(LIMIT);
    c.header('cache-control', 'no-store');
    return c.json(
      rows.map((row) => ({
        id: row.id,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        link: linkOf(row.text),
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
      })),
    );
  });
}
