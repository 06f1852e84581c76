/**
 * @module
 * Request schemas of the desk API. Strict like the customer API's: an unknown field is refused,
 * never ignored. Customers and categories reuse the schemas the admin command already loads
 * them with, so there is one definition of a valid customer and of a valid tree.
 */
import * as z from 'zod';
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

const text = (max: number) => z.string().trim().min(1).max(max);

/** `status=new,in_progress`: one or more statuses, comma separated. */
const statusList = z.string().transform((value, ctx) => {
  const statuses = value.split(',');
  if (statuses.every((status) => (TICKET_STATUSES as readonly string[]).includes(status))) {
    return statuses as TicketStatus[];
  }
  ctx.addIssue({ code: 'invalid_value', values: [...TICKET_STATUSES], input: value });
  return z.NEVER;
});

/** A keyset cursor: `<updatedAt ms>.<number>` of the last ticket of the previous page. */
export const DESK_CURSOR = /^(\d{1,15})\.([1-9]\d{0,15})$/;

export const deskTicketListQuery = z.strictObject({
  status: statusList.optional(),
  type: z.enum(TICKET_TYPES).optional(),
  /** A category id; a branch matches the tickets of every category below it. */
  category: z.string().min(1).max(64).optional(),
  customer: z.string().min(1).max(64).optional(),
  organization: z.string().trim().min(1).max(120).optional(),
  updatedSince: z.iso.datetime({ offset: true }).optional(),
  /** Oldest change first (for syncing with `updatedSince`) or newest first. */
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().regex(DESK_CURSOR).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const deskRatingListQuery = z.strictObject({
  /** Only ratings given or changed at or after this time. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** `<updatedAt ms>.<ticket number>` of the last rating of the previous page. */
  cursor: z.string().regex(DESK_CURSOR).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const deskStatusBody = z.strictObject({ status: z.enum(TICKET_STATUSES) });

/**
 * The states the desk may move a ticket from, per target status; any other move is 409
 * `wrong_state`. `resolved` comes only with a solution (the solution route); `closed` from any
 * open state is how the desk cancels a ticket.
 */
export const DESK_STATUS_FROM: Record<TicketStatus, readonly TicketStatus[]> = {
  new: [],
  in_progress: ['new'],
  resolved: [],
  closed: OPEN_STATUSES,
};

/** The states a solution may be proposed in. */
export const SOLUTION_FROM = ['new', 'in_progress'] as const satisfies TicketStatus[];

export const deskSolutionBody = z.strictObject({ solution: text(10_000) });

export const deskCommentBody = z.strictObject({ text: text(10_000) });

export const deskCustomerCreateBody = newCustomerSchema;

export const deskCustomerPatchBody = newCustomerSchema
  .pick({ email: true, name: true })
  .extend({
    organization: z.string().trim().max(120).nullable(),
    language: z.enum(LANGUAGES),
    /** Sees every ticket of the organization; needs an organization. */
    organizationManager: z.boolean(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const deskCustomerListQuery = z.strictObject({
  email: z.string().trim().min(1).max(254).optional(),
  organization: z.string().trim().min(1).max(120).optional(),
  /** The last e-mail of the previous page. */
  cursor: z.string().min(1).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const deskCategoriesBody = z.strictObject({
  categories: categoryTreeSchema.refine((tree) => tree.length > 0, { message: 'empty tree' }),
});

export const webhookSubscriptionBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).optional(),
  /** Leave out to have one made; either way it is shown only in this response. */
  secret: z.string().min(24).max(256).optional(),
});

/** Rotating a subscription's secret: a given one or a new one made, and how long both sign. */
export const webhookSecretBody = z.strictObject({
  secret: z.string().min(24).max(256).optional(),
  /** How long requests still carry a signature with the old secret too (default 24, 0 = none). */
  overlapHours: z.number().int().min(0).max(168).default(24),
});

export const deliveryListQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type DeskTicketListQuery = z.output<typeof deskTicketListQuery>;
export type DeskRatingListQuery = z.output<typeof deskRatingListQuery>;
export type DeskCustomerPatch = z.output<typeof deskCustomerPatchBody>;
export type WebhookSubscriptionInput = z.output<typeof webhookSubscriptionBody>;
export type WebhookSecretInput = z.output<typeof webhookSecretBody>;
