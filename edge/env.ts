/**
 * @module
 * The Hono environment shared by every route: the ports, and the customer once authenticated.
 */
import type { ErrorCode } from '../contract/errors.ts';
import type { CustomerRow } from './db/schema.ts';
import type { FirstWrites, PendingSession } from './middleware/customer-auth.ts';
import type { Ports } from './ports.ts';

export interface AppEnv {
  Variables: {
    ports: Ports;
    /** Set by `requireCustomer`: the customer the bearer token belongs to. */
    customer: CustomerRow;
    /** Set by `requireCustomer`: the session the bearer token belongs to. */
    sessionId: string;
    /** Set by `requestLog`: this request's id, as answered in `X-Request-Id`. */
    requestId: string;
    /** Set by `renderError`: the code of the error answered, for the request's log line. */
    errorCode?: ErrorCode;
    /** Set by `customerSession`: a verified token whose session `customerReads` checks. */
    pendingSession: PendingSession;
    /** Set by `idempotent`: its claim, made with the session check (`customer-auth.ts`). */
    firstWrites?: FirstWrites;
  };
}
