/**
 * @module
 * Settings a production start accepts (edge/config-check.ts), for runtime tests that run in
 * production mode: mail goes to Postmark's API at a port nothing listens on (so it is queued and
 * retried, never delivered), and pages of the test shop may call the API.
 */
export const SAFE_PRODUCTION_VARS: Record<string, string> = {
  MAIL_PROVIDER: 'postmark',
  MAIL_API_TOKEN: 'test-server-token',
  MAIL_FROM: 'support@shop.example.com',
  MAIL_API_URL: 'http://127.0.0.1:9/email',
  ALLOWED_ORIGINS: 'https://shop.example.com',
  PORTAL_URL: 'https://shop.example.com/help',
};

/** The test's settings over the safe production ones, unless it runs in development. */
export function withProductionDefaults(vars: Record<string, string>): Record<string, string> {
  return vars.ENVIRONMENT === 'development' ? vars : { ...SAFE_PRODUCTION_VARS, ...vars };
}
