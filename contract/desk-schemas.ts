/**
 * @module
 * Request schemas of the desk API. Strict like the customer API's: an unknown field is refused,
 * never ignored. Customers and categories reuse the schemas the admin command already loads
 * them with, so there is one definition of a valid customer and of a valid tree.
 */
import * as z from 'zod/mini';
import { categoryTreeSchema } from './category-tree.ts';
import { newCustomerSchema } from './customer-schema.ts';
import {
  LANGUAGES,
  OPEN_STATUSES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
} from './domain.ts';
import { WEBHOOK_EVENTS } from './desk-webhooks.ts';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const pageLimit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50);
const dateTime = z.iso.datetime({ offset: true });

/** `status=new,in_progress`: one or more statuses, comma separated. */
const statusList = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const statuses = value.split(',');
    if (statuses.every((status) => (TICKET_STATUSES as readonly string[]).includes(status))) {
      return statuses as TicketStatus[];
    }
    ctx.issues.push({ code: 'invalid_value', values: [...TICKET_STATUSES], input: value });
    return z.NEVER;
  }),
);

/** A keyset cursor: `<updatedAt ms>.<number>` of the last ticket of the previous page. */
export const DESK_CURSOR = /^(\d{1,15})\.([1-9]\d{0,15})$/;

export const deskTicketListQuery = z.strictObject({
  status: z.optional(statusList),
  type: z.optional(z.enum(TICKET_TYPES)),
  /** A category id; a branch matches the tickets of every category below it. */
  category: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  customer: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  organization: z.optional(text(120)),
  updatedSince: z.optional(dateTime),
  /** `true`: open tickets whose first answer is due and not given; `false`: every other. */
  overdue: z.optional(z.enum(['true', 'false'])),
  /** Oldest change first (for syncing with `updatedSince`) or newest first. */
  order: z._default(z.enum(['asc', 'desc']), 'asc'),
  cursor: z.optional(z.string().check(z.regex(DESK_CURSOR))),
  limit: pageLimit,
});

export const deskRatingListQuery = z.strictObject({
  /** Only ratings given or changed at or after this time. */
  since: z.optional(dateTime),
  /** `<updatedAt ms>.<ticket number>` of the last rating of the previous page. */
  cursor: z.optional(z.string().check(z.regex(DESK_CURSOR))),
  limit: pageLimit,
});

export const deskStatusBody = z.strictObject({ status: z.enum(TICKET_STATUSES) });

/**
 * The states the desk may move a ticket from, per target status; any other move is 409
 * `wrong_state`. `resolved` comes only with a solution (the solution route); `closed` from any
 * open state is how the desk cancels a ticket.
 */
export const DESK_STATUS_FROM: Record<TicketStatus, readonly TicketStatus[]> = {
  new: [],
  in_progress: ['new', 'waiting_for_customer'],
  /** The desk asked the customer something; their next message makes it `in_progress` again. */
  waiting_for_customer: ['new', 'in_progress'],
  resolved: [],
  closed: OPEN_STATUSES,
};

/** The states a solution may be proposed in. */
export const SOLUTION_FROM = [
  'new',
  'in_progress',
  'waiting_for_customer',
] as const satisfies TicketStatus[];

export const deskSolutionBody = z.strictObject({ solution: text(10_000) });

export const deskCommentBody = z.strictObject({
  text: text(10_000),
  /**
   * The comment asks the customer something: the ticket becomes `waiting_for_customer` (from
   * `new` or `in_progress`; already waiting, it stays so).
   */
  awaitingCustomer: z.optional(z.boolean()),
});

export const deskCustomerCreateBody = newCustomerSchema;

export const deskCustomerPatchBody = z
  .partial(
    z.extend(z.pick(newCustomerSchema, { email: true, name: true }), {
      organization: z.nullable(z.string().check(z.trim(), z.maxLength(120))),
      language: z.enum(LANGUAGES),
      /** Sees every ticket of the organization; needs an organization. */
      organizationManager: z.boolean(),
    }),
  )
  .check(z.refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' }));

export const deskCustomerListQuery = z.strictObject({
  email: z.optional(text(254)),
  organization: z.optional(text(120)),
  /** The last e-mail of the previous page. */
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(254))),
  limit: pageLimit,
});

export const deskCategoriesBody = z.strictObject({
  categories: categoryTreeSchema.check(
    z.refine((tree) => tree.length > 0, { message: 'empty tree' }),
  ),
});

const secret = z.string().check(z.minLength(24), z.maxLength(256));

export const webhookSubscriptionBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  events: z.optional(
    z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1), z.maxLength(WEBHOOK_EVENTS.length)),
  ),
  /** Leave out to have one made; either way it is shown only in this response. */
  secret: z.optional(secret),
});

/** Rotating a subscription's secret: a given one or a new one made, and how long both sign. */
export const webhookSecretBody = z.strictObject({
  secret: z.optional(secret),
  /** How long requests still carry a signature with the old secret too (default 24, 0 = none). */
  overlapHours: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(168)), 24),
});

export const deliveryListQuery = z.strictObject({
  status: z.optional(z.enum(['pending', 'delivered', 'dead'])),
  limit: pageLimit,
});

export type DeskTicketListQuery = z.output<typeof deskTicketListQuery>;
export type DeskRatingListQuery = z.output<typeof deskRatingListQuery>;
export type DeskCustomerPatch = z.output<typeof deskCustomerPatchBody>;
export type WebhookSubscriptionInput = z.output<typeof webhookSubscriptionBody>;
export type WebhookSecretInput = z.output<typeof webhookSecretBody>;
