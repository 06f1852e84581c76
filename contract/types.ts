/**
 * @module
 * Response bodies of the customer API, as the widget and the tests receive them.
 */
import type {
  ActorType,
  EventKind,
  Language,
  TicketRole,
  TicketStatus,
  Urgency,
} from './domain.ts';

/** The host page's context stored with a ticket (see TICKET_CONTEXT_LIMITS). */
export type TicketContext = Record<string, string | number | boolean | null>;

export interface Customer {
  id: string;
  email: string;
  name: string;
  organization: string | null;
  language: Language;
  /** Whether ticket notifications are e-mailed (solution proposed, desk comment, closed). */
  notifications: boolean;
  /** Sees every ticket of the organization, read-only unless the requester. */
  organizationManager: boolean;
  /**
   * Whether the customer has a password: false for one who signs in only through a partner
   * (single sign-on), who is then never offered a password screen.
   */
  hasPassword: boolean;
}

/** Someone of the caller's organization, as shown when choosing colleagues to put in copy. */
export interface Colleague {
  id: string;
  name: string;
  email: string;
}

export interface SessionCreated {
  token: string;
  expiresAt: string;
  customer: Customer;
}

/** Shown when the customer reaches a category, before the form: in the caller's language. */
export interface CategoryHelp {
  text: string;
  links: { label: string; url: string }[];
}

export interface CategoryNode {
  id: string;
  label: string;
  help: CategoryHelp | null;
  /** Extra words in the caller's language that the filter also matches. */
  keywords: string[];
  /** Empty for a leaf: only leaves can be chosen for a ticket. */
  children: CategoryNode[];
}

export interface TicketSummary {
  number: number;
  /** The description's first line, cut at a word to about 80 characters. */
  title: string;
  category: { id: string; label: string; path: string[] };
  urgency: Urgency;
  status: TicketStatus;
  /** True while the desk's solution awaits the customer's answer. */
  solutionPending: boolean;
  /** How the caller stands to this ticket: what they may do with it. */
  role: TicketRole;
  /** Who asked; the caller's own name on their tickets. */
  requester: { id: string; name: string };
  /** The closed ticket this one follows up. */
  followUpOf: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** When the desk's first answer is due (creation plus the urgency's configured hours). */
  firstResponseDueAt: string | null;
  /** When the desk first answered (a public comment or a solution); null until then. */
  firstRespondedAt: string | null;
  /** The desk wrote to this ticket since the caller last opened it (their own read marker). */
  newReply: boolean;
}

/** Counts for the home screen, over the caller's own tickets and those they are in copy on. */
export interface TicketCounts {
  /** Tickets with a desk message the caller has not opened yet. */
  newReplies: number;
  /** Open tickets waiting for the customer's answer. */
  waitingForCustomer: number;
}

export interface TicketPage {
  items: TicketSummary[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface TimelineEvent {
  id: string;
  kind: EventKind;
  at: string;
  actor: { type: ActorType; name: string | null };
  /** Added information, rejection reason, proposed solution or public comment. */
  text: string | null;
  /** For status changes: the new status. */
  status: TicketStatus | null;
  attachmentId: string | null;
}

/** Who a thread message comes from: the customer side or the desk (or the portal itself). */
export type ThreadSide = 'customer' | 'desk' | 'system';

/**
 * One item of a ticket's conversation, oldest first: a message (the description, an addition,
 * a file sent on its own, a desk comment, the proposed solution, a rejection's reason) or a
 * status line between messages.
 */
export type ThreadItem =
  | {
      type: 'message';
      /** The timeline event it comes from. */
      id: string;
      kind: 'description' | 'addition' | 'file' | 'comment' | 'solution' | 'rejection';
      side: ThreadSide;
      author: string | null;
      at: string;
      /** Null for a file sent without text. */
      text: string | null;
      /** The file sent with this message. */
      file: AttachmentInfo | null;
    }
  | {
      type: 'status';
      id: string;
      side: ThreadSide;
      author: string | null;
      at: string;
      status: TicketStatus;
    };

export interface Addition {
  text: string;
  at: string;
  author: string | null;
}

export interface AttachmentInfo {
  id: string;
  name: string;
  size: number;
  contentType: string;
  createdAt: string;
  /** PNG, JPEG, GIF or WebP (checked by content on upload): the preview route serves it. */
  previewable: boolean;
}

export interface Rating {
  score: number;
  comment: string | null;
  ratedAt: string;
  /** Until then the requester may change it. */
  changeableUntil: string;
}

export interface TicketDetails extends TicketSummary {
  /** Colleagues in copy. */
  colleagues: Colleague[];
  /** Tickets opened as follow-ups of this one. */
  followUps: number[];
  /** Until when the requester may open a follow-up; null when they cannot (open, or too late). */
  followUpUntil: string | null;
  /** The requester's satisfaction rating, once given. */
  rating: Rating | null;
  description: string;
  additions: Addition[];
  solution: string | null;
  solutionProposedAt: string | null;
  timeline: TimelineEvent[];
  attachments: AttachmentInfo[];
  /** The conversation, oldest first; desk internal notes never reach this API. */
  thread: ThreadItem[];
}

export interface ContactBlock {
  /** Null when not configured: the widget then names it in the customer's language. */
  name: string | null;
  email: string | null;
  phone: string | null;
  hours: string | null;
  url: string | null;
}

export interface PublicConfig {
  languages: Language[];
  defaultLanguage: Language;
  limits: {
    maxAttachmentBytes: number;
    /** File extensions the portal accepts (lower case, without dot). */
    attachmentExtensions: string[];
    maxDescriptionLength: number;
    maxInformationLength: number;
  };
  contact: ContactBlock;
  autoAcceptDays: number;
  /** Hours until the desk's first answer is due, per urgency. */
  firstResponseHours: Record<Urgency, number>;
  /** For how many days after closing a follow-up can be opened. */
  followUpDays: number;
  /** The deployment's own one-line definition of urgencies, per language; the widget's otherwise. */
  urgencyDefinitions: Partial<Record<Urgency, Partial<Record<Language, string>>>>;
}

/** What a one-click rating link from an e-mail names, shown before and after rating. */
export interface RatingLinkTicket {
  number: number;
  category: { label: string; path: string[] };
  rating: Rating | null;
}

/** A part `GET /api/health` checks, and whether it answered. */
export type HealthCheck = 'ok' | 'failed';

/** `GET /api/health`: 200 when every part answered, else 503 naming the one that failed. */
export interface Health {
  status: HealthCheck;
  checks: { database: HealthCheck; attachments: HealthCheck };
}
