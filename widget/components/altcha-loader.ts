/**
 * @module
 * The ALTCHA widget and its labels in the portal's six languages, in one module that only
 * `captcha.ts` imports, dynamically: the widget weighs as much as the rest of the portal, so it
 * is a lazy chunk fetched when the forgotten-password screen is shown, never at first load.
 *
 * Strict Content Security Policy: ALTCHA's "external" build adds no `<style>` to the page's
 * head (its stylesheet comes here as text, which the captcha adopts as a constructable
 * stylesheet), and the proof of work runs in a worker loaded from a file beside this chunk
 * (`altcha-pbkdf2.worker.js`, copied there by the build): from its URL when the widget is of the
 * page's origin, through a `blob:` that imports it when not (see `workerSource`).
 */
import 'altcha/external';
import altchaCss from 'altcha/altcha.css';
import 'altcha/i18n/ca';
import 'altcha/i18n/en';
import 'altcha/i18n/es-es';
import 'altcha/i18n/fr-fr';
import 'altcha/i18n/it';
import 'altcha/i18n/pt-pt';

/** The challenge's algorithm (edge/lib/captcha.ts) and the worker that solves it. */
const WORKER = new URL('./altcha-pbkdf2.worker.js', import.meta.url);

/**
 * Where the worker starts: the file itself when the widget is served from the page's origin.
 * From another origin (a CDN, the API's host) a browser starts no worker from the file's URL,
 * whatever the page's policy says, so a `blob:` of this page's that imports the file (the page
 * then allows `worker-src blob:`, and the widget's origin in `script-src` as for the widget).
 */
function workerSource(): string {
  if (WORKER.origin === location.origin) return WORKER.href;
  bootstrap ??= URL.createObjectURL(
    new Blob([BOOTSTRAP(WORKER.href)], { type: 'text/javascript' }),
  );
  return bootstrap;
}

/**
 * The `blob:` worker's code. It inherits the page's policy, Trusted Types included, so it
 * imports the file through its own `support-portal` policy, which vouches for that URL only.
 */
const BOOTSTRAP = (url: string) => `const url = ${JSON.stringify(url)};
let policy = null;
try {
  policy = self.trustedTypes?.createPolicy('support-portal', {
    createScriptURL(value) {
      if (value !== url) throw new TypeError('support-portal: not its worker: ' + value);
      return value;
    },
  });
} catch {}
importScripts(policy ? policy.createScriptURL(url) : url);
`;
let bootstrap: string | undefined;

interface TrustedTypes {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): {
    createScriptURL(url: string): unknown;
  };
}

/**
 * The worker's URL; on a page requiring Trusted Types, through the `support-portal` policy,
 * which vouches for the worker's URL (or its `blob:`) and nothing else. A page whose
 * `trusted-types` list does not name the policy gets the plain URL (fine unless it requires
 * Trusted Types).
 */
function workerUrl(): unknown {
  const source = workerSource();
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypes }).trustedTypes;
  if (!trustedTypes) return source;
  workerPolicy ??= (() => {
    try {
      return trustedTypes.createPolicy('support-portal', {
        createScriptURL(url) {
          if (url !== workerSource()) throw new TypeError(`support-portal: not its worker: ${url}`);
          return url;
        },
      });
    } catch {
      return null;
    }
  })();
  return workerPolicy?.createScriptURL(source) ?? source;
}
let workerPolicy: ReturnType<TrustedTypes['createPolicy']> | null | undefined;

interface AltchaGlobal {
  algorithms: Map<string, () => Worker>;
  defaults: { set(name: string, value: unknown): void };
}

const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;
for (const algorithm of ['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512']) {
  altcha.algorithms.set(algorithm, () => new Worker(workerUrl() as string));
}
// No "Protected by ALTCHA" footer: ALTCHA writes it with `innerHTML` from a string, which a page
// requiring Trusted Types refuses (its other markup goes through its own policy). A default of
// the page's ALTCHA, set before the first widget is made.
altcha.defaults.set('hideFooter', true);

/** ALTCHA's stylesheet, as text. */
export const ALTCHA_CSS: string = altchaCss;
