/**
 * @module
 * The ALTCHA widget and its labels in the portal's six languages, in one module that only
 * `captcha.ts` imports, dynamically: the widget weighs as much as the rest of the portal, so it
 * is a lazy chunk fetched when the forgotten-password screen is shown, never at first load.
 *
 * Strict Content Security Policy: ALTCHA's "external" build adds no `<style>` to the page's
 * head (its stylesheet comes here as text, which the captcha adopts as a constructable
 * stylesheet), and the proof of work runs in a worker loaded from a file beside this chunk
 * (`altcha-pbkdf2.worker.js`, copied there by the build), never from a `blob:` URL.
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
 * which vouches for this one URL and nothing else. A page whose `trusted-types` list does not
 * name the policy gets the plain URL (fine unless it requires Trusted Types).
 */
function workerUrl(): unknown {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypes }).trustedTypes;
  if (!trustedTypes) return WORKER;
  workerPolicy ??= (() => {
    try {
      return trustedTypes.createPolicy('support-portal', {
        createScriptURL(url) {
          if (url !== WORKER.href) throw new TypeError(`support-portal: not its worker: ${url}`);
          return url;
        },
      });
    } catch {
      return null;
    }
  })();
  return workerPolicy?.createScriptURL(WORKER.href) ?? WORKER;
}
let workerPolicy: ReturnType<TrustedTypes['createPolicy']> | null | undefined;

interface AltchaGlobal {
  algorithms: Map<string, () => Worker>;
  defaults: { set(name: string, value: unknown): void };
}

const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;
for (const algorithm of ['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512']) {
  altcha.algorithms.set(algorithm, () => new Worker(workerUrl() as URL));
}
// No "Protected by ALTCHA" footer: ALTCHA writes it with `innerHTML` from a string, which a page
// requiring Trusted Types refuses (its other markup goes through its own policy). A default of
// the page's ALTCHA, set before the first widget is made.
altcha.defaults.set('hideFooter', true);

/** ALTCHA's stylesheet, as text. */
export const ALTCHA_CSS: string = altchaCss;
