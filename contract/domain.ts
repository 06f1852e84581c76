/**
 * @module
 * The vocabulary of the portal: languages, ticket states, urgencies, timeline events. Defined
 * once here; the database schema, the API schemas, the widget and the tests all import it.
 */

export const LANGUAGES = ['es', 'pt', 'en', 'fr', 'it', 'ca'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'es';

/**
 * `waiting_for_customer`: the desk asked the customer something and waits; the customer's next
 * message moves the ticket back to `in_progress`.
 */
export const TICKET_STATUSES = [
  'new',
  'in_progress',
  'waiting_for_customer',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** "Open" is every status but closed. */
export const OPEN_STATUSES = [
  'new',
  'in_progress',
  'waiting_for_customer',
  'resolved',
] as const satisfies TicketStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const TICKET_STATES = ['open', 'closed'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/**
 * The new-password policy's length rule (the common-password and e-mail rules are the edge's).
 * Here, not in schemas.ts, so the widget can show it without bundling zod.
 */
export const NEW_PASSWORD_MIN_LENGTH = 12;

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Hours until the desk's first answer is due, per urgency, unless the deployment sets others. */
export const DEFAULT_FIRST_RESPONSE_HOURS: Record<Urgency, number> = {
  critical: 2,
  high: 8,
  medium: 24,
  low: 72,
};

/** The hidden classification a category leaf gives its tickets; never shown to customers. */
export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const EVENT_KINDS = [
  'created',
  'information_added',
  'attachment_added',
  'status_changed',
  'solution_proposed',
  'solution_accepted',
  'solution_rejected',
  'solution_auto_accepted',
  'public_comment',
  /** The requester rated the solved ticket (text: the comment); again when they change it. */
  'rated',
  /** A colleague was put in copy (actor: who did it; text: the colleague's name). */
  'colleague_added',
  /** On a closed ticket: a follow-up was opened (text: the new ticket's number). */
  'follow_up_opened',
  /** The customer answered a ticket waiting for them: it is `in_progress` again. */
  'customer_replied',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const ACTOR_TYPES = ['customer', 'desk', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** A text in each of the portal's languages. */
export type Labels = Record<Language, string>;

/** Satisfaction scores go from 1 (very unhappy) to 5 (very happy). */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A rating can be changed for this long after it was first given. */
export const RATING_CHANGE_HOURS = 24;
export const RATING_SOURCES = ['portal', 'email'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

/** Whose tickets a list or a search covers: the caller's own, or their organization's (managers). */
export const TICKET_SCOPES = ['mine', 'organization'] as const;
export type TicketScope = (typeof TICKET_SCOPES)[number];

/**
 * How the caller stands to a ticket. Only the requester accepts, rejects, rates or follows up;
 * colleagues in copy read it and add information; managers of the organization only read it.
 */
export const TICKET_ROLES = ['requester', 'colleague', 'manager'] as const;
export type TicketRole = (typeof TICKET_ROLES)[number];

/** A category's guidance as stored: a text and links, each label in every language. */
export interface CategoryHelpStored {
  text: Labels;
  links: { label: Labels; url: string }[];
}

/** Extra words per language that the category filter matches (synonyms, common terms). */
export type KeywordLists = Partial<Record<Language, string[]>>;

/**
 * The host page's context stored with a new ticket (`context` on `<support-portal>`): a flat
 * JSON object of at most `keys` keys (each at most `keyLength` characters) whose values are
 * strings of at most `valueLength` characters, numbers, booleans or null, at most `bytes` as
 * JSON (UTF-8).
 */
export const TICKET_CONTEXT_LIMITS = { bytes: 2048, keys: 20, keyLength: 64, valueLength: 500 };
