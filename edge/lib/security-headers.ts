/**
 * @module
 * The security headers of every response the portal serves: the API's JSON and downloads, and on
 * Workers whatever else answers (unknown paths, static assets once they are served). One
 * function, so that every place that answers sets the same ones.
 */

/** JSON and downloads: nothing in them may load anything or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const FIXED_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // The widget on a partner's page reads the API's answers across origins.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Permitted-Cross-Domain-Policies': 'none',
  // The old XSS auditors are themselves a hole; the CSP does their work.
  'X-XSS-Protection': '0',
};

/** RFC 6797: only over TLS; over plain HTTP the header means nothing (8.1). */
const HSTS = 'max-age=15552000; includeSubDomains';

export interface SecurityHeaderOptions {
  /** The policy of a response that has none of its own; an HTML asset passes its page's. */
  contentSecurityPolicy?: string;
}

/**
 * Sets the headers on `headers` (a response's own, so no body is copied). A policy the response
 * already has is kept: a download's stricter one with `sandbox`.
 */
export function setSecurityHeaders(
  headers: Headers,
  requestUrl: string,
  options: SecurityHeaderOptions = {},
): void {
  for (const [name, value] of Object.entries(FIXED_HEADERS)) headers.set(name, value);
  if (!headers.has('Content-Security-Policy'))
    headers.set(
      'Content-Security-Policy',
      options.contentSecurityPolicy ?? API_CONTENT_SECURITY_POLICY,
    );
  if (requestUrl.startsWith('https:')) headers.set('Strict-Transport-Security', HSTS);
}

/**
 * `response` with the headers set; a copy when its headers cannot be changed (a response from
 * `fetch` or an assets binding).
 */
export function withSecurityHeaders(
  response: Response,
  requestUrl: string,
  options: SecurityHeaderOptions = {},
): Response {
  try {
    setSecurityHeaders(response.headers, requestUrl, options);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    setSecurityHeaders(copy.headers, requestUrl, options);
    return copy;
  }
}
