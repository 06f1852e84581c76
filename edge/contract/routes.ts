/**
 * @module
 * Route patterns of the customer API. The edge mounts them, the widget's client and the tests
 * build URLs from them with `apiPath`, so a path is written once.
 */

export const ROUTES = {
  config: '/api/config',
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
  categories: '/api/categories',
  tickets: '/api/tickets',
  ticket: '/api/tickets/:number',
  information: '/api/tickets/:number/information',
  attachments: '/api/tickets/:number/attachments',
  attachment: '/api/tickets/:number/attachments/:id',
  accept: '/api/tickets/:number/solution/accept',
  reject: '/api/tickets/:number/solution/reject',
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
