/**
 * @module
 * The few Deno APIs the Deno entry point uses, typed here: the project type-checks against the
 * DOM and Node libraries, whose globals clash with Deno's full declarations.
 */

export interface DenoFile {
  readonly readable: ReadableStream<Uint8Array>;
}

export interface DenoApi {
  env: { toObject(): Record<string, string> };
  open(path: string, options?: { read?: boolean }): Promise<DenoFile>;
  stat(path: string): Promise<{ size: number; isFile: boolean; mtime: Date | null }>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  writeFile(path: string, data: Uint8Array | ReadableStream<Uint8Array>): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  readDir(path: string): AsyncIterable<{ name: string; isFile: boolean; isDirectory: boolean }>;
  resolveDns(query: string, recordType: 'A' | 'AAAA'): Promise<string[]>;
  exit(code: number): never;
  errors: { NotFound: new (...args: never[]) => Error };
}

/** The `Deno` global; only ever read on Deno. */
export const deno = (globalThis as unknown as { Deno: DenoApi }).Deno;
