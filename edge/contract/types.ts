/**
 * @module
 * Response bodies of the customer API, as the widget and the tests receive them.
 */
import type { ActorType, EventKind, Language, TicketStatus, Urgency } from './domain.ts';

export interface Customer {
  id: string;
  email: string;
  name: string;
  organization: string | null;
  language: Language;
  /** Whether ticket notifications are e-mailed (solution proposed, desk comment, closed). */
  notifications: boolean;
}

export interface SessionCreated {
  token: string;
  expiresAt: string;
  customer: Customer;
}

export interface CategoryNode {
  id: string;
  label: string;
  /** Empty for a leaf: only leaves can be chosen for a ticket. */
  children: CategoryNode[];
}

export interface TicketSummary {
  number: number;
  category: { id: string; label: string; path: string[] };
  urgency: Urgency;
  status: TicketStatus;
  /** True while the desk's solution awaits the customer's answer. */
  solutionPending: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
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
}

export interface TicketDetails extends TicketSummary {
  description: string;
  additions: Addition[];
  solution: string | null;
  solutionProposedAt: string | null;
  timeline: TimelineEvent[];
  attachments: AttachmentInfo[];
}

export interface ContactBlock {
  name: string;
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
}
