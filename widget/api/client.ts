/**
 * @module
 * The widget's one client of the customer API. Paths come from the contract's `ROUTES`, bodies
 * and answers are the contract's types; every failure is an `ApiRequestError`. The bearer token
 * lives in the instance's `SessionStore`; a refused token (`unauthenticated`) is reported to the
 * root element, which sends the customer to login and back.
 */
import type { Language, TicketScope, TicketState, Urgency } from '../../contract/domain.ts';
import { apiPath, ROUTES } from '../../contract/routes.ts';
import type {
  CategoryNode,
  Colleague,
  Customer,
  PublicConfig,
  RatingLinkTicket,
  SessionCreated,
  TicketCounts,
  TicketDetails,
  TicketPage,
} from '../../contract/types.ts';
import type { SessionStore } from '../session.ts';
import type { FilterQuery } from '../ticket-filters.ts';
import { ApiRequestError } from './errors.ts';
import { submitSignature, SubmitKeys } from './submit-keys.ts';

export { ApiRequestError, type ClientErrorCode } from './errors.ts';

export interface NewTicket {
  category: string;
  urgency: Urgency;
  description: string;
  /** The closed ticket this one follows up. */
  followUpOf?: number;
  /** Customer ids of colleagues to put in copy. */
  colleagues?: string[];
  /** The host page's context (`context` on `<support-portal>`), stored with the ticket. */
  context?: Record<string, unknown>;
}

type Progress = (fraction: number) => void;

export class ApiClient {
  /** Called when the API refuses this instance's token; the root element sets it. */
  onUnauthenticated: (() => void) | null = null;

  /** Idempotency keys of the writes that must never happen twice (see submit-keys.ts). */
  private readonly submitKeys = new SubmitKeys();

  /**
   * @param base The API's origin (and optional path prefix); empty for the page's own origin.
   * @param session Where the bearer token is kept.
   */
  constructor(
    readonly base: string,
    private readonly session: SessionStore,
  ) {}

  get loggedIn(): boolean {
    return this.session.token !== null;
  }

  /** When the current access token expires (ISO 8601), if known. */
  get expiresAt(): string | null {
    return this.session.expiresAt;
  }

  config(): Promise<PublicConfig> {
    return this.request('GET', ROUTES.config);
  }

  async login(email: string, password: string): Promise<Customer> {
    return this.started(await this.request('POST', ROUTES.session, { email, password }));
  }

  /** Where the captcha widget fetches its proof-of-work challenge. */
  get captchaUrl(): string {
    return this.url(ROUTES.captcha);
  }

  /**
   * Asks for a set-password link. The API answers the same whether or not the e-mail exists;
   * the link points back to `returnTo` (this page, without its hash).
   */
  async forgotPassword(email: string, captcha: string, returnTo: string): Promise<void> {
    await this.request('POST', ROUTES.passwordForgot, { email, captcha, returnTo });
  }

  /** Sets the password from an e-mailed link's token; the customer is then logged in. */
  async resetPassword(token: string, password: string): Promise<Customer> {
    return this.started(await this.request('POST', ROUTES.passwordReset, { token, password }));
  }

  /** Changes the password; this client gets a new token, every other session ends. */
  async changePassword(currentPassword: string, newPassword: string): Promise<Customer> {
    return this.started(
      await this.request('POST', ROUTES.passwordChange, { currentPassword, newPassword }),
    );
  }

  /** Renews the access token of the same session before it expires. */
  async refreshSession(): Promise<void> {
    const renewed = await this.request<{ token: string; expiresAt: string }>(
      'POST',
      ROUTES.sessionRefresh,
    );
    this.session.token = renewed.token;
    this.session.expiresAt = renewed.expiresAt;
  }

  /** Exchanges a partner intranet's signed token for a portal session (single sign-on). */
  async partnerSession(token: string): Promise<Customer> {
    return this.started(await this.request('POST', ROUTES.partnerSession, { token }));
  }

  /** Ends the session on the server when it can; forgets the token in any case. */
  async logout(): Promise<void> {
    try {
      if (this.loggedIn) await this.request('DELETE', ROUTES.session);
    } catch {
      // An expired or revoked token is already logged out: nothing left to end.
    } finally {
      this.session.token = null;
      this.session.expiresAt = null;
    }
  }

  me(): Promise<Customer> {
    return this.request('GET', ROUTES.me);
  }

  updateLanguage(language: Language): Promise<Customer> {
    return this.updateProfile({ language });
  }

  updateProfile(changes: { language?: Language; notifications?: boolean }): Promise<Customer> {
    return this.request('PATCH', ROUTES.me, changes);
  }

  categories(): Promise<CategoryNode[]> {
    return this.request('GET', ROUTES.categories);
  }

  /** A page of the open or closed list; `filter` keeps some statuses or the new replies only. */
  tickets(
    state: TicketState,
    cursor?: string,
    scope: TicketScope = 'mine',
    filter: FilterQuery = {},
  ): Promise<TicketPage> {
    const query = new URLSearchParams({ state, scope });
    if (filter.status) query.set('status', filter.status.join(','));
    if (filter.newReply) query.set('newReply', 'true');
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `${ROUTES.tickets}?${query}`);
  }

  /** Tickets whose number or words match `query`, newest first (see `GET /api/ticket-search`). */
  searchTickets(query: string, scope: TicketScope, cursor?: string): Promise<TicketPage> {
    const params = new URLSearchParams({ q: query, scope });
    if (cursor) params.set('cursor', cursor);
    return this.request('GET', `${ROUTES.ticketSearch}?${params}`);
  }

  ticket(number: number): Promise<TicketDetails> {
    return this.request('GET', apiPath(ROUTES.ticket, { number }));
  }

  createTicket(
    fields: NewTicket,
    file: File | null,
    onProgress?: Progress,
  ): Promise<TicketDetails> {
    const form = new FormData();
    form.set('category', fields.category);
    form.set('urgency', fields.urgency);
    form.set('description', fields.description);
    if (fields.followUpOf) form.set('followUpOf', String(fields.followUpOf));
    if (fields.colleagues?.length) form.set('colleagues', fields.colleagues.join(','));
    if (fields.context) form.set('context', JSON.stringify(fields.context));
    if (file) form.set('file', file, file.name);
    return this.upload(ROUTES.tickets, form, onProgress, undefined, true);
  }

  colleagues(): Promise<Colleague[]> {
    return this.request('GET', ROUTES.colleagues);
  }

  addColleagues(number: number, add: string[]): Promise<TicketDetails> {
    return this.request('POST', apiPath(ROUTES.ticketColleagues, { number }), { add });
  }

  /** A message, one file, or both, in one request (the reply box under the thread). */
  reply(
    number: number,
    text: string,
    file: File | null,
    onProgress?: Progress,
  ): Promise<TicketDetails> {
    const form = new FormData();
    if (text) form.set('text', text);
    if (file) form.set('file', file, file.name);
    return this.upload(apiPath(ROUTES.replies, { number }), form, onProgress, undefined, true);
  }

  /** How many of the caller's tickets have a new reply, and how many wait for them. */
  ticketCounts(): Promise<TicketCounts> {
    return this.request('GET', ROUTES.ticketCounts);
  }

  /** An image attachment's bytes for its preview (PNG, JPEG, GIF, WebP only). */
  async previewAttachment(number: number, id: string): Promise<Blob> {
    const response = await this.send('GET', apiPath(ROUTES.attachmentPreview, { number, id }));
    return response.blob();
  }

  /** Attaches a file; aborting `signal` cancels the upload, which then rejects with its reason. */
  uploadAttachment(
    number: number,
    file: File,
    onProgress?: Progress,
    signal?: AbortSignal,
  ): Promise<TicketDetails> {
    const form = new FormData();
    form.set('file', file, file.name);
    return this.upload(apiPath(ROUTES.attachments, { number }), form, onProgress, signal, true);
  }

  acceptSolution(number: number): Promise<TicketDetails> {
    return this.request('POST', apiPath(ROUTES.accept, { number }));
  }

  rejectSolution(number: number, reason: string): Promise<TicketDetails> {
    return this.request('POST', apiPath(ROUTES.reject, { number }), { reason });
  }

  /** Rates the caller's closed ticket, or changes the rating while it may still change. */
  rateTicket(number: number, score: number, comment: string | null): Promise<TicketDetails> {
    return this.request('PUT', apiPath(ROUTES.rating, { number }), { score, comment });
  }

  /** What an e-mailed rating link names; no login needed. */
  ratingLink(token: string): Promise<RatingLinkTicket> {
    return this.request('GET', apiPath(ROUTES.ratingLink, { token }));
  }

  /** Rates with an e-mailed link; no login needed. */
  rateWithLink(token: string, score: number, comment: string | null): Promise<RatingLinkTicket> {
    return this.request('POST', apiPath(ROUTES.ratingLink, { token }), { score, comment });
  }

  /** The file's bytes, fetched with the bearer token (a plain link could not send it). */
  async downloadAttachment(number: number, id: string): Promise<Blob> {
    const response = await this.send('GET', apiPath(ROUTES.attachment, { number, id }));
    return response.blob();
  }

  private started(created: SessionCreated): Customer {
    this.session.token = created.token;
    this.session.expiresAt = created.expiresAt;
    return created.customer;
  }

  private url(path: string): string {
    return `${this.base.replace(/\/+$/, '')}${path}`;
  }

  private headers(json: boolean, idempotencyKey?: string): Headers {
    const headers = new Headers({ Accept: 'application/json' });
    if (json) headers.set('Content-Type', 'application/json');
    const token = this.session.token;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (idempotencyKey) headers.set('Idempotency-Key', idempotencyKey);
    return headers;
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    idempotent = false,
  ): Promise<T> {
    const response = await this.send(method, path, body, idempotent);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    idempotent = false,
  ): Promise<Response> {
    const signature = idempotent ? submitSignature(path, body) : null;
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: this.headers(
          body !== undefined,
          signature ? this.submitKeys.keyFor(signature) : undefined,
        ),
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw new ApiRequestError(0, 'network');
    }
    if (signature) this.submitKeys.answered(signature, response.status);
    if (!response.ok) {
      const parsed = await response.json().catch(() => null);
      throw this.failed(ApiRequestError.from(response.status, parsed));
    }
    return response;
  }

  /** Multipart through XMLHttpRequest: fetch cannot report upload progress. */
  private upload<T>(
    path: string,
    form: FormData,
    onProgress?: Progress,
    signal?: AbortSignal,
    idempotent = false,
  ): Promise<T> {
    const signature = idempotent ? submitSignature(path, form) : null;
    const key = signature ? this.submitKeys.keyFor(signature) : undefined;
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.open('POST', this.url(path));
      xhr.responseType = 'json';
      this.headers(false, key).forEach((value, name) => xhr.setRequestHeader(name, value));
      if (onProgress) {
        xhr.upload.addEventListener('progress', (event) => {
          if (event.lengthComputable) onProgress(event.loaded / event.total);
        });
      }
      xhr.addEventListener('load', () => {
        if (signature) this.submitKeys.answered(signature, xhr.status);
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress?.(1);
          resolve(xhr.response as T);
        } else {
          reject(this.failed(ApiRequestError.from(xhr.status, xhr.response)));
        }
      });
      xhr.addEventListener('error', () => reject(new ApiRequestError(0, 'network')));
      xhr.addEventListener('abort', () =>
        reject(signal?.aborted ? (signal.reason as Error) : new ApiRequestError(0, 'network')),
      );
      xhr.send(form);
    });
  }

  private failed(error: ApiRequestError): ApiRequestError {
    if (error.code === 'unauthenticated' && this.session.token) {
      this.session.token = null;
      this.onUnauthenticated?.();
    }
    return error;
  }
}
