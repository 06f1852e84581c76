/**
 * @module
 * The strict Content Security Policy demo page (`/strict/`, demo/strict/): the policy a host
 * with the strictest usual headers sends, under which the portal and its captcha must work
 * unchanged. docs/embedding.md quotes it; tests/embed/strict-csp.test.ts checks it in Chromium.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * No inline script or style anywhere; Trusted Types for every DOM sink, with the three policies
 * the widget creates: Lit's (`lit-html`), Svelte's inside ALTCHA (`svelte-trusted-html`) and the
 * portal's own for its captcha worker's URL (`support-portal`).
 */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  // Image previews in a ticket's conversation: fetched with the session's token, shown as
  // object URLs.
  "img-src 'self' blob:",
  "worker-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html svelte-trusted-html support-portal',
].join('; ');

export const strictCspHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('content-security-policy', STRICT_CSP);
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'no-referrer');
};
