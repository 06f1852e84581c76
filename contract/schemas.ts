/**
 * @module
 * Request schemas of the customer API, written with `zod/mini` to stay light. The edge validates
 * every request with them; nothing else defines what a valid request is. The widget does not
 * import them (even zod/mini would put it over its weight budget): it checks only what it must
 * before sending, with the limits from `GET /api/config` and the constants in `domain.ts`.
 */
import * as z from 'zod/mini';
import {
  TICKET_CONTEXT_LIMITS,
  LANGUAGES,
  NEW_PASSWORD_MIN_LENGTH,
  RATING_MAX,
  RATING_MIN,
  TICKET_SCOPES,
  TICKET_STATES,
  TICKET_STATUSES,
  URGENCIES,
} from './domain.ts';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * A schema sized by a deployment's limit, made once per limit: building a zod schema costs more
 * than validating with it, and these are used on every write.
 */
function perLimit<T>(make: (max: number) => T): (max: number) => T {
  const made = new Map<number, T>();
  return (max) => {
    let schema = made.get(max);
    if (!schema) made.set(max, (schema = make(max)));
    return schema;
  };
}

export const loginBody = z.strictObject({
  email: z.string().check(z.trim(), z.minLength(1), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});

/** Either or both; an empty body changes nothing. */
export const mePatchBody = z.strictObject({
  language: z.optional(z.enum(LANGUAGES)),
  notifications: z.optional(z.boolean()),
});

export { NEW_PASSWORD_MIN_LENGTH };
const newPassword = z.string().check(z.minLength(NEW_PASSWORD_MIN_LENGTH), z.maxLength(256));

export const forgotPasswordBody = z.strictObject({
  email: z.string().check(z.trim(), z.minLength(1), z.maxLength(254)),
  /** The ALTCHA widget's payload (base64 JSON of the solved challenge). */
  captcha: z.string().check(z.minLength(1), z.maxLength(4096)),
  /** The page the request came from; the e-mailed link points there if its origin is allowed. */
  returnTo: z.string().check(z.minLength(1), z.maxLength(2048)),
});

export const resetPasswordBody = z.strictObject({
  token: z.string().check(z.minLength(16), z.maxLength(256)),
  password: newPassword,
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
  newPassword,
});

export const partnerSessionBody = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(8192)),
});

const ticketNumber = z.string().check(z.regex(/^[1-9]\d{0,15}$/));
const pageLimit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20);

const statusName = `(?:${TICKET_STATUSES.join('|')})`;
/** `status=new,in_progress`: one or more statuses, comma separated (split by `statusList`). */
const statusListText = z.string().check(z.regex(new RegExp(`^${statusName}(?:,${statusName})*$`)));

export const ticketListQuery = z.strictObject({
  state: z._default(z.enum(TICKET_STATES), 'open'),
  /** Only these statuses (within `state`): the open list's filter. */
  status: z.optional(statusListText),
  /** `true`: only tickets with a desk message the caller has not opened yet. */
  newReply: z.optional(z.enum(['true'])),
  scope: z._default(z.enum(TICKET_SCOPES), 'mine'),
  cursor: z.optional(ticketNumber),
  limit: pageLimit,
});

/** A ticket number, or words of the description and additions (accents and case ignored). */
export const ticketSearchQuery = z.strictObject({
  q: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  scope: z._default(z.enum(TICKET_SCOPES), 'mine'),
  cursor: z.optional(ticketNumber),
  limit: pageLimit,
});

export const newTicketFields = perLimit((maxDescription) =>
  z.strictObject({
    category: z.string().check(z.minLength(1), z.maxLength(64)),
    urgency: z.enum(URGENCIES),
    description: text(maxDescription),
    /** The closed ticket this one follows up (its number). */
    followUpOf: z.optional(ticketNumber),
    /** Colleagues to put in copy: customer ids of the requester's organization, comma-separated. */
    colleagues: z.optional(z.string().check(z.maxLength(2000))),
    /** The host page's context as JSON (see `ticketContext`). */
    context: z.optional(z.string().check(z.maxLength(TICKET_CONTEXT_LIMITS.bytes))),
  }),
);

/** The host page's context, once `context` is parsed as JSON (see TICKET_CONTEXT_LIMITS). */
export const ticketContext = z
  .record(
    z.string().check(z.minLength(1), z.maxLength(TICKET_CONTEXT_LIMITS.keyLength)),
    z.union([
      z.string().check(z.maxLength(TICKET_CONTEXT_LIMITS.valueLength)),
      z.number().check(z.refine(Number.isFinite)),
      z.boolean(),
      z.null(),
    ]),
  )
  .check(z.refine((value) => Object.keys(value).length <= TICKET_CONTEXT_LIMITS.keys));

export const informationBody = perLimit((maxText) => z.strictObject({ text: text(maxText) }));

/** The text fields of a reply (multipart, beside its optional `file`): text, file or both. */
export const replyFields = perLimit((maxText) =>
  z.strictObject({
    text: z.optional(z.string().check(z.trim(), z.maxLength(maxText))),
  }),
);

export const rejectBody = z.strictObject({ reason: text(2000) });

export const ratingBody = z.strictObject({
  score: z.number().check(z.int(), z.minimum(RATING_MIN), z.maximum(RATING_MAX)),
  comment: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(2000)))),
});

export const colleaguesBody = z.strictObject({
  /** Customer ids of the requester's organization to put in copy. */
  add: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(20)),
});

export type LoginBody = z.infer<typeof loginBody>;
export type MePatchBody = z.infer<typeof mePatchBody>;
export type TicketListQuery = z.infer<typeof ticketListQuery>;
export type TicketSearchQuery = z.infer<typeof ticketSearchQuery>;
export type RatingBody = z.infer<typeof ratingBody>;
export type NewTicketFields = z.infer<ReturnType<typeof newTicketFields>>;
