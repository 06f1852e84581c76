/**
 * @module
 * The new-ticket form's draft (draft.ts): restored when the form opens for a customer, saved on
 * every change they make, the chosen file kept in IndexedDB beside it, and forgotten once the
 * ticket is sent.
 */
import type { ReactiveController } from 'lit';
import { URGENCIES, type Urgency } from '../../contract/domain.ts';
import type { Customer } from '../../contract/types.ts';
import type { CategorySelectDetail } from '../events/category-select.ts';
import { draftScope, readDraft, readDraftFile, writeDraft, writeDraftFile } from './draft.ts';
import type { ScreenElement } from './screen.ts';

/** What survives a reload or a lost session: everything typed or chosen. */
export interface NewTicketFields {
  category: CategorySelectDetail | null;
  urgency: Urgency | '';
  description: string;
}

interface StoredDraft extends NewTicketFields {
  /** The chosen file's name; the file itself is kept under the same key (draft-files.ts). */
  file?: string;
}

/** How the draft reads and fills the form. */
interface DraftForm {
  read(): NewTicketFields;
  /** Fills in a restored draft's fields, each already checked: storage can hold anything. */
  fill(fields: Partial<NewTicketFields>): void;
  /** The draft's file, read from IndexedDB after the rest. */
  fillFile(file: File): void;
}

export class NewTicketDraft implements ReactiveController {
  /** The form came back with a draft not sent before. */
  restored = false;
  /** The name of the file kept with the draft, if one is. */
  private file: string | undefined;
  /** The customer of the last update: the draft is restored when one arrives. */
  private customer: Customer | null = null;

  constructor(
    private readonly host: ScreenElement,
    private readonly form: DraftForm,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const arrived = this.host.customer && !this.customer;
    this.customer = this.host.customer;
    if (arrived) this.restore();
  }

  /** Saved on every change the customer makes (never on restoring, which is no change). */
  save(): void {
    const key = this.key;
    if (!key) return;
    const { category, urgency, description } = this.form.read();
    const { file } = this;
    writeDraft(
      key,
      category || urgency || description || file ? { category, urgency, description, file } : null,
    );
  }

  /** Keeps the chosen file with the draft, up to the attachment limit (the most the API takes). */
  keepFile(file: File | null): void {
    const kept =
      file && file.size <= (this.host.config?.limits.maxAttachmentBytes ?? 0) ? file : null;
    this.file = kept?.name;
    this.save();
    if (this.key) void writeDraftFile(this.key, kept);
  }

  /** The ticket was sent: nothing of it is kept. */
  clear(): void {
    if (this.key) writeDraft(this.key, null);
  }

  private get key(): string | null {
    const { customer, instance } = this.host;
    return customer ? `${draftScope(instance, customer.id)}new-ticket` : null;
  }

  private restore(): void {
    const key = this.key!;
    const draft = readDraft<StoredDraft>(key);
    if (!draft) return;
    this.restored = true;
    this.file = draft.file;
    if (draft.file) {
      void readDraftFile(key).then((file) => {
        if (file) this.form.fillFile(file);
      });
    }
    const fields: Partial<NewTicketFields> = {};
    if (draft.category?.id && Array.isArray(draft.category.path)) {
      fields.category = { id: draft.category.id, path: draft.category.path };
    }
    if (draft.urgency && (URGENCIES as readonly string[]).includes(draft.urgency)) {
      fields.urgency = draft.urgency;
    }
    if (typeof draft.description === 'string') fields.description = draft.description;
    this.form.fill(fields);
  }
}
