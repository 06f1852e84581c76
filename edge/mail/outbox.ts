/**
 * @module
 * Queuing mail: a `mailOutbox` row written as one item of the caller's batch, so a mail goes out
 * exactly when the change it tells about is committed, and never on the request path (the
 * scheduled job delivers it, see ../jobs/mail-delivery.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { guardedInsert } from '../db/guarded-insert.ts';
import { mailOutbox } from '../db/schema.ts';
import { randomId } from '../lib/encoding.ts';
import type { Database, Mail } from '../ports.ts';
import type { TemplateName } from './templates.ts';

export interface QueueOptions {
  /** When it is queued and first due; pass the clock's now (defaults to the system time). */
  at?: Date;
  /** Written only if this holds when the batch runs (the guard of a ticket change). */
  guard?: SQL;
}

/** The insert of one outbox row, for `db.batch([...])` (or to await on its own). */
export function queueMail(
  db: Database,
  mail: Mail & { template?: TemplateName },
  options: QueueOptions = {},
) {
  const at = options.at ?? new Date();
  return guardedInsert(
    db,
    mailOutbox,
    {
      id: randomId(),
      to: mail.to,
      template: mail.template ?? null,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    },
    options.guard ?? sql`1`,
  );
}
