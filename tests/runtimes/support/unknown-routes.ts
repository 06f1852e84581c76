/**
 * @module
 * Requests the API does not serve, and what each runtime must answer them: its JSON error with a
 * code (and `Allow` for a known path asked with another method), never the server's plain-text
 * not found. One table for Node, Workers and Deno.
 */
import assert from 'node:assert/strict';
import { ERROR_STATUS, isErrorBody, type ErrorCode } from '../../../contract/errors.ts';
import { ROUTES } from '../../../contract/routes.ts';

interface UnknownRoute {
  method: string;
  path: string;
  code: ErrorCode;
  /** The methods the path is served with, for a 405. */
  allow?: string;
}

export const UNKNOWN_ROUTES: UnknownRoute[] = [
  { method: 'GET', path: '/api/no-such-route', code: 'not_found' },
  { method: 'POST', path: '/api/no-such-route', code: 'not_found' },
  { method: 'GET', path: '/api/', code: 'not_found' },
  { method: 'GET', path: '/api/%2e%2e%2fconfig', code: 'not_found' },
  { method: 'GET', path: `${ROUTES.config}/extra`, code: 'not_found' },
  { method: 'DELETE', path: ROUTES.config, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { method: 'PUT', path: ROUTES.passwordForgot, code: 'method_not_allowed', allow: 'POST' },
  { method: 'GET', path: ROUTES.session, code: 'method_not_allowed', allow: 'POST, DELETE' },
  { method: 'PATCH', path: '/api/tickets/1001', code: 'method_not_allowed', allow: 'GET, HEAD' },
  // Under the desk's guard, the guard answers first.
  { method: 'GET', path: '/api/desk/no-such-route', code: 'unauthenticated' },
];

/** Sends every request of the table to `baseUrl` and checks each answer. */
export async function assertUnknownRoutes(baseUrl: string) {
  for (const { method, path, code, allow } of UNKNOWN_ROUTES) {
    const context = `${method} ${path}`;
    const response = await fetch(new URL(path, baseUrl), { method });
    const text = await response.text();
    assert.equal(response.status, ERROR_STATUS[code], `${context}: ${response.status} ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, context);
    const body = JSON.parse(text) as unknown;
    assert.ok(isErrorBody(body) && body.error.code === code, `${context}: ${text}`);
    assert.equal(response.headers.get('allow'), allow ?? null, context);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', context);
  }
}
