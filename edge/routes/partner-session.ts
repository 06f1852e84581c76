/**
 * @module
 * `POST /api/session/partner` `{ token }`: partner single sign-on. A token a configured partner
 * signed for one of its users (see ../lib/partner-tokens.ts) starts a session for the active
 * customer with that e-mail in the organization it asserts, once per token (its `jti`); a
 * partner allowed to may create that customer on first sign-on (../domain/partner-customers.ts).
 * Claims a partner may not assert are 400 `validation_failed`, naming the claim; anything else
 * is 401, with no hint of which check failed.
 */
import { Hono } from 'hono';
import { ROUTES } from '../../contract/routes.ts';
import { partnerSessionBody } from '../../contract/schemas.ts';
import { checkPartnerClaims, partnerCustomer } from '../domain/partner-customers.ts';
import { spendPartnerToken } from '../domain/partner-token-use.ts';
import { startSession } from '../domain/sessions.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { verifyPartnerToken } from '../lib/partner-tokens.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { validate } from '../middleware/validate.ts';

export const partnerSessionRoutes = new Hono<AppEnv>().post(
  ROUTES.partnerSession,
  validate('json', partnerSessionBody),
  // Like a login: a token guessed or replayed again and again is refused before it is checked.
  rateLimit('partner'),
  async (c) => {
    const { db, config, clock } = c.var.ports;
    const now = clock.now();
    const identity = await verifyPartnerToken(c.req.valid('json').token, config, now);
    if (!identity) throw new ApiError('unauthenticated');
    // Before the token is spent or anyone looked up: a refused claim changes and tells nothing.
    const assertion = checkPartnerClaims(identity);
    if (!(await spendPartnerToken(db, identity, now))) throw new ApiError('unauthenticated');
    const customer = await partnerCustomer(db, assertion, config.PBKDF2_ITERATIONS, now);
    if (!customer) throw new ApiError('unauthenticated');
    return c.json(await startSession(c.var.ports, customer), 201);
  },
);
