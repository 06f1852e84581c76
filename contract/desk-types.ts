/**
 * @module
 * Response bodies of the desk API. Tickets are the customer API's shapes plus what only the desk
 * sees: the hidden type and the customer.
 */
import type {
  CategoryHelpStored,
  KeywordLists,
  Labels,
  Language,
  RatingSource,
  TicketType,
} from './domain.ts';
import type { WebhookEventType } from './desk-webhooks.ts';
import type { TicketContext, TicketDetails, TicketSummary } from './types.ts';

export interface DeskCustomerRef {
  id: string;
  email: string;
  name: string;
  organization: string | null;
}

export interface DeskTicketSummary extends Omit<TicketSummary, 'role' | 'newReply'> {
  type: TicketType;
  customer: DeskCustomerRef;
}

export interface DeskTicketPage {
  items: DeskTicketSummary[];
  /** Pass as `cursor` (with the same filters) for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface DeskTicketDetails extends Omit<TicketDetails, 'role' | 'newReply'> {
  type: TicketType;
  customer: DeskCustomerRef;
  /** What the host page told the portal when the ticket was made (plan, page...), or null. */
  context: TicketContext | null;
}

/** A satisfaction rating as the desk lists it. */
export interface DeskRating {
  ticket: { number: number };
  customer: DeskCustomerRef;
  score: number;
  comment: string | null;
  source: RatingSource;
  /** When first given. */
  createdAt: string;
  /** When last changed (the list's order). */
  updatedAt: string;
}

export interface DeskRatingPage {
  items: DeskRating[];
  nextCursor: string | null;
}

export interface DeskCustomer extends DeskCustomerRef {
  language: Language;
  active: boolean;
  /** False until the customer sets one through the first-access (forgotten password) flow. */
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  /** Sees every ticket of the organization (read-only unless the requester). */
  organizationManager: boolean;
}

export interface DeskCategory {
  id: string;
  labels: Labels;
  type: TicketType | null;
  active: boolean;
  /** Guidance shown to customers when they reach the category; null for none. */
  help: CategoryHelpStored | null;
  /** Extra words per language that the customers' category filter matches. */
  keywords: KeywordLists;
  children: DeskCategory[];
}

export interface WebhookSubscription {
  id: string;
  url: string;
  events: WebhookEventType[];
  active: boolean;
  createdAt: string;
}

/** One event for one endpoint, as the outbox keeps it. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  type: WebhookEventType;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookSubscriptionCreated extends WebhookSubscription {
  /** The signing secret, shown only once. */
  secret: string;
}

/** After a rotation: the new secret (shown only once), and until when the old one still signs. */
export interface WebhookSecretRotated extends WebhookSubscriptionCreated {
  previousSecretUntil: string | null;
}
