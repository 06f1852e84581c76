/**
 * @module
 * Route patterns of the customer API. The edge mounts them, the widget's client and the tests
 * build URLs from them with `apiPath`, so a path is written once.
 */

export const ROUTES = {
  config: '/api/config',
  /** For the operator's monitoring: the database and the attachment store answer (200) or not (503). */
  health: '/api/health',
  session: '/api/session',
  /** Renews the access token while the customer is active. */
  sessionRefresh: '/api/session/refresh',
  /** Exchanges a partner intranet's signed token for a portal session (single sign-on). */
  partnerSession: '/api/session/partner',
  /** A fresh ALTCHA proof-of-work challenge. */
  captcha: '/api/captcha',
  passwordForgot: '/api/password/forgot',
  passwordReset: '/api/password/reset',
  passwordChange: '/api/password/change',
  me: '/api/me',
  /** The caller's organization: colleagues they can put in copy. */
  colleagues: '/api/me/colleagues',
  categories: '/api/categories',
  tickets: '/api/tickets',
  /** Full-text search of the caller's (or, for managers, the organization's) tickets. */
  ticketSearch: '/api/ticket-search',
  /** Counts for home: tickets with a new reply, tickets waiting for the customer. */
  ticketCounts: '/api/ticket-counts',
  ticket: '/api/tickets/:number',
  /** POST multipart: a message (`text`), a file (`file`) or both, in one request. */
  replies: '/api/tickets/:number/replies',
  information: '/api/tickets/:number/information',
  attachments: '/api/tickets/:number/attachments',
  attachment: '/api/tickets/:number/attachments/:id',
  /** An image attachment shown inline (PNG, JPEG, GIF, WebP only; sandboxed, never sniffed). */
  attachmentPreview: '/api/tickets/:number/attachments/:id/preview',
  accept: '/api/tickets/:number/solution/accept',
  reject: '/api/tickets/:number/solution/reject',
  /** PUT: the requester rates the solved ticket (or changes the rating, for a while). */
  rating: '/api/tickets/:number/rating',
  ticketColleagues: '/api/tickets/:number/colleagues',
  /** GET: what a one-click rating link names; POST: rate with it, without logging in. */
  ratingLink: '/api/rating-links/:token',
} as const;

type Params<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string | number } & Params<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string | number }
    : Record<never, never>;

/** Fills a route pattern's `:params`, each encoded as one path segment. */
export function apiPath<P extends string>(pattern: P, params: Params<P>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String((params as Record<string, string | number>)[name])),
  );
}
