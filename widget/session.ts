/**
 * @module
 * Where one `<support-portal>` keeps what must survive a reload within the tab: the bearer
 * token and the current screen. Kept in memory and mirrored to `sessionStorage` under a key of
 * its own per instance, so two instances never read each other's values and nothing outlives
 * the tab. No cookie is involved, so a cross-origin API needs no third-party cookie.
 */

/** A string store scoped to one instance; falls back to memory where storage is refused. */
export class SessionStore {
  private readonly memory = new Map<string, string>();

  /** @param key Distinguishes this instance's entries from every other one's. */
  constructor(private readonly key: string) {}

  get token(): string | null {
    return this.read('token');
  }

  set token(value: string | null) {
    this.write('token', value);
  }

  /** When the access token expires (ISO 8601), so it can be renewed before. */
  get expiresAt(): string | null {
    return this.read('expires');
  }

  set expiresAt(value: string | null) {
    this.write('expires', value);
  }

  read(name: string): string | null {
    if (this.memory.has(name)) return this.memory.get(name)!;
    try {
      const stored = sessionStorage.getItem(this.storageKey(name));
      if (stored !== null) this.memory.set(name, stored);
      return stored;
    } catch {
      return null;
    }
  }

  write(name: string, value: string | null): void {
    if (value === null) this.memory.delete(name);
    else this.memory.set(name, value);
    try {
      if (value === null) sessionStorage.removeItem(this.storageKey(name));
      else sessionStorage.setItem(this.storageKey(name), value);
    } catch {
      // Storage can be disabled (sandboxed frames, privacy settings): memory still works.
    }
  }

  /** Forgets everything this instance saved: used on logout. */
  clear(): void {
    for (const name of ['token', 'expires', 'route', 'partner']) this.write(name, null);
  }

  private storageKey(name: string): string {
    return `support-portal:${this.key}:${name}`;
  }
}
