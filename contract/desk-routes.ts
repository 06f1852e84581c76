/**
 * @module
 * Route patterns of the service desk's integration API, all under `/api/desk` and opened only by
 * an integration key. Filled with `apiPath` like the customer routes.
 */

export const DESK_PREFIX = '/api/desk';

export const DESK_ROUTES = {
  tickets: '/api/desk/tickets',
  ticket: '/api/desk/tickets/:number',
  attachment: '/api/desk/tickets/:number/attachments/:id',
  status: '/api/desk/tickets/:number/status',
  solution: '/api/desk/tickets/:number/solution',
  comments: '/api/desk/tickets/:number/comments',
  customers: '/api/desk/customers',
  customer: '/api/desk/customers/:id',
  deactivate: '/api/desk/customers/:id/deactivate',
  reactivate: '/api/desk/customers/:id/reactivate',
  /** GET: the customer's data (profile, tickets with thread and files, ratings), on request. */
  customerExport: '/api/desk/customers/:id/export',
  /** POST: erase the customer (their tickets stay under a placeholder). */
  customerErase: '/api/desk/customers/:id/erase',
  categories: '/api/desk/categories',
  /** Satisfaction ratings, newest change first. */
  ratings: '/api/desk/ratings',
  webhooks: '/api/desk/webhooks',
  webhook: '/api/desk/webhooks/:id',
  /** A new signing secret; the old one still signs for `overlapHours`. */
  webhookSecret: '/api/desk/webhooks/:id/secret',
  deliveries: '/api/desk/webhooks/:id/deliveries',
  redeliver: '/api/desk/webhooks/:id/deliveries/:deliveryId/retry',
  /** What the portal sent (or failed to send) to the connected ticket tool, newest first. */
  connectorDeliveries: '/api/desk/connector/deliveries',
  connectorRetry: '/api/desk/connector/deliveries/:seq/retry',
} as const;
