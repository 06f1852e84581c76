/**
 * The production start check (edge/config-check.ts) and the settings `loadConfig` refuses in
 * every environment: each unsafe setting refused with what to set instead; a development start
 * and a complete production configuration accepted. The runtimes' own refusals:
 * tests/runtimes/start-check.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeProductionSettings } from '../../edge/config-check.ts';
import { loadConfig } from '../../edge/config.ts';
import { SAFE_PRODUCTION_VARS } from '../runtimes/support/production.ts';

const SECRET = 'a-production-secret-of-at-least-32-characters';
const production = { ...SAFE_PRODUCTION_VARS, ENVIRONMENT: 'production', TOKEN_SECRET: SECRET };
const apiRoutes = [{ path: '/api/config' }, { path: '/api/tickets' }];

function problems(env: Record<string, string | undefined>, facts = {}) {
  const config = loadConfig({ ...production, ...env });
  return unsafeProductionSettings(config, { routes: apiRoutes, demoData: false, ...facts });
}

test('a complete production configuration starts', () => {
  assert.deepEqual(problems({}), []);
});

test('the console mailer is refused in production, naming the providers to set', () => {
  const [problem, ...rest] = problems({ MAIL_PROVIDER: 'console' });
  assert.match(problem!, /^MAIL_PROVIDER is console.*set MAIL_PROVIDER to postmark, resend or ses/);
  assert.deepEqual(rest, []);
});

test('an empty ALLOWED_ORIGINS is refused in production', () => {
  assert.match(problems({ ALLOWED_ORIGINS: '' }).join(), /^ALLOWED_ORIGINS is empty.*set it to/);
});

test('a missing PORTAL_URL is refused in production', () => {
  assert.match(problems({ PORTAL_URL: undefined }).join(), /^PORTAL_URL is not set.*set it to/);
});

test('retention removing uploads in flight (RETENTION_UPLOAD_HOURS=0) is refused in production', () => {
  assert.match(
    problems({ RETENTION_UPLOAD_HOURS: '0' }).join(),
    /^RETENTION_UPLOAD_HOURS is 0.*set it to 1/,
  );
});

test('the demo data in the database is refused in production', () => {
  assert.match(problems({}, { demoData: true }).join(), /^the database holds the demo data/);
});

test('a /dev/ route is refused in production, naming it', () => {
  const routes = [...apiRoutes, { path: '/dev/outbox' }, { path: '/dev/outbox' }];
  assert.deepEqual(problems({}, { routes }), [
    'development routes are served (/dev/outbox): they are demo tools',
  ]);
});

test('every unsafe setting is listed at once', () => {
  const all = problems(
    { MAIL_PROVIDER: 'console', ALLOWED_ORIGINS: '', PORTAL_URL: undefined },
    { demoData: true, routes: [{ path: '/dev/outbox' }] },
  );
  assert.equal(all.length, 5);
});

test('development starts with the demo settings', () => {
  const config = loadConfig({ ENVIRONMENT: 'development', TOKEN_SECRET: SECRET });
  const facts = { routes: [{ path: '/dev/outbox' }], demoData: true };
  assert.deepEqual(unsafeProductionSettings(config, facts), []);
});

test('a missing TOKEN_SECRET is refused in any environment, saying how to make one', () => {
  for (const ENVIRONMENT of ['production', 'development']) {
    assert.throws(
      () => loadConfig({ ENVIRONMENT }),
      /TOKEN_SECRET: not set: set it to at least 32 random characters \(openssl rand -base64 48\)/,
    );
  }
});

test('a short TOKEN_SECRET is refused in any environment', () => {
  assert.throws(
    () => loadConfig({ ...production, TOKEN_SECRET: 'short' }),
    /TOKEN_SECRET must be at least 32 characters/,
  );
});

test('a wildcard origin is refused in any environment, alone or in a list', () => {
  for (const ALLOWED_ORIGINS of ['*', 'https://shop.example.com, *', 'https://*.example.com']) {
    assert.throws(
      () => loadConfig({ ...production, ALLOWED_ORIGINS }),
      /ALLOWED_ORIGINS\.\d: list each origin; a wildcard \(\*\) would let any page call the API/,
    );
  }
});
