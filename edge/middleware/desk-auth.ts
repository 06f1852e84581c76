/**
 * @module
 * Service desk authentication: `Authorization: Bearer spk_...`, a live integration key. A
 * customer's access token is not a key and never opens the desk API (and a key is not a token,
 * so it never opens the customer API).
 */
import { createMiddleware } from 'hono/factory';
import type { IntegrationKeyRow } from '../db/schema.ts';
import { findLiveKey } from '../domain/integration-keys.ts';
import type { Actor } from '../domain/event-types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { bearerToken } from './customer-auth.ts';

export interface DeskEnv extends AppEnv {
  Variables: AppEnv['Variables'] & {
    /** Set by `requireDeskKey`: the key the request came with. */
    integrationKey: IntegrationKeyRow;
  };
}

/**
 * How the desk appears in a customer's timeline: the company, named by the widget in the
 * customer's language; never the key's name.
 */
export function deskActor(key: { id: string } | null): Actor {
  return { type: 'desk', id: key?.id ?? null, name: null };
}

export const requireDeskKey = createMiddleware<DeskEnv>(async (c, next) => {
  // Named by every desk route and by the desk's prefix: check once per request.
  if (c.var.integrationKey) return next();
  const key = bearerToken(c.req.header('authorization'));
  const row = key && (await findLiveKey(c.var.ports.db, key));
  if (!row) throw new ApiError('unauthenticated');
  c.set('integrationKey', row);
  await next();
});
