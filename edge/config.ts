/**
 * @module
 * The portal's configuration, read once from the environment (Workers bindings, `process.env`
 * or `Deno.env`) and validated, so a bad setting stops the start with a clear message.
 */
import * as z from 'zod';
import { LANGUAGES } from '../contract/domain.ts';

/** Cloudflare Workers refuse PBKDF2 above this many iterations in production. */
export const WORKERS_PBKDF2_MAX_ITERATIONS = 100_000;

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const origin = z
  .string()
  .refine((value) => !value.includes('*'), {
    message: 'list each origin; a wildcard (*) would let any page call the API',
  })
  .pipe(z.url({ protocol: /^https?$/ }))
  .transform((value) => new URL(value).origin);

const pbkdf2Iterations = z.coerce.number().int().min(10_000);

/** One partner of single sign-on: whose tokens, for whom, signed how, checked with which key. */
const partnerSchema = z
  .strictObject({
    id: z.string().min(1),
    issuer: z.string().min(1),
    audience: z.string().min(1),
    /** The organization whose customers this partner may log in. */
    organization: z.string().min(1),
    algorithms: z.array(z.enum(['RS256', 'ES256'])).min(1),
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    publicJwk: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((partner) => Boolean(partner.jwksUrl) !== Boolean(partner.publicJwk), {
    message: 'a partner needs exactly one of jwksUrl and publicJwk',
  });

export type PartnerConfig = z.output<typeof partnerSchema>;

const configSchema = z.object({
  ENVIRONMENT: z.enum(['development', 'production']).default('production'),
  TOKEN_SECRET: z
    .string({ error: 'not set: set it to at least 32 random characters (openssl rand -base64 48)' })
    .min(32, 'TOKEN_SECRET must be at least 32 characters (openssl rand -base64 48)'),
  ALLOWED_ORIGINS: list.pipe(z.array(origin)).default([]),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(2_592_000).default(43_200),
  PBKDF2_ITERATIONS: pbkdf2Iterations.default(WORKERS_PBKDF2_MAX_ITERATIONS),
  MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  MAX_DESCRIPTION_LENGTH: z.coerce.number().int().min(100).max(100_000).default(10_000),
  MAX_INFORMATION_LENGTH: z.coerce.number().int().min(100).max(100_000).default(5_000),
  AUTO_ACCEPT_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** For how many days after a ticket is closed its requester can open a follow-up. */
  FOLLOW_UP_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Attempts per webhook delivery before it is marked dead. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The first retry's delay; each further retry waits twice as long (at most six hours). */
  WEBHOOK_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How often Node and Deno run the scheduled job; Workers use the cron of wrangler.toml. */
  JOB_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Signs captcha challenges; when unset, a key derived from TOKEN_SECRET is used. */
  ALTCHA_HMAC_KEY: z.string().min(32, 'ALTCHA_HMAC_KEY must be at least 32 characters').optional(),
  /** PBKDF2 iterations per captcha attempt; about 256 attempts solve one. */
  CAPTCHA_COST: z.coerce.number().int().min(1).max(100_000).default(5_000),
  /**
   * The header a trusted proxy puts the client's address in (e.g. `X-Real-IP`). Unset, the
   * runtime's own view is used (CF-Connecting-IP on Workers, the socket on Node and Deno): a
   * header the client itself can set is never trusted by default.
   */
  CLIENT_IP_HEADER: z.string().optional(),
  /** Fixed-window rate limits: attempts per window, per e-mail and per client address. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  /** Failed logins for one e-mail before it is locked for LOCKOUT_SECONDS. */
  LOCKOUT_FAILURES: z.coerce.number().int().min(1).default(5),
  LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('es'),
  CONTACT_NAME: z.string().optional(),
  CONTACT_EMAIL: z.string().optional(),
  CONTACT_PHONE: z.string().optional(),
  CONTACT_HOURS: z.string().optional(),
  CONTACT_URL: z.string().optional(),
  /**
   * The page that embeds the portal, for the ticket links of e-mails (`<page>#sp/ticket/<n>`).
   * Node defaults it to its own demo page.
   */
  PORTAL_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * `console` prints and keeps mail (development only); `postmark`, `resend` and `ses` (Amazon
   * SES) send it through the provider's HTTP API (edge/mail/mailer.ts says what each needs).
   */
  MAIL_PROVIDER: z.enum(['console', 'postmark', 'resend', 'ses']).default('console'),
  /** Postmark's server token or Resend's API key (a secret). */
  MAIL_API_TOKEN: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  /** The provider's endpoint, when not its public one; tests point it at a local server. */
  MAIL_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Amazon SES: the region of the sending identity, and an access key allowed `ses:SendEmail`. */
  SES_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region, like eu-west-1')
    .optional(),
  SES_ACCESS_KEY_ID: z.string().optional(),
  SES_SECRET_ACCESS_KEY: z.string().optional(),
  /** Attempts per e-mail before it is marked dead. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  /** The first retry's delay; each further retry waits twice as long (at most six hours). */
  MAIL_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Retention (edge/jobs/retention.ts): subjects and bodies of sent e-mails, kept this long. */
  RETENTION_MAIL_BODY_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** Used or expired set-password links, kept this long after use or expiry. */
  RETENTION_RESET_LINK_DAYS: z.coerce.number().int().min(0).max(365).default(1),
  /** Rate-limit and lockout counters, kept this long after their window ended. */
  RETENTION_RATE_LIMIT_DAYS: z.coerce.number().int().min(0).max(365).default(1),
  /**
   * Stored bytes of an upload that never committed its row, removed after this many hours; 0
   * (tests only) would race uploads in flight, and production refuses it (config-check.ts).
   */
  RETENTION_UPLOAD_HOURS: z.coerce.number().int().min(0).max(8760).default(24),
  /** How often Node and Deno run retention; Workers use the hourly cron of wrangler.toml. */
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Partners whose signed tokens log their users in (JSON list, see edge/lib/partner-tokens.ts). */
  PARTNERS: z
    .string()
    .default('[]')
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'PARTNERS must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(partnerSchema)),
  /** The oldest partner token accepted, by its `iat`, whatever its `exp` says. */
  PARTNER_TOKEN_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
});

/**
 * `wrangler dev` runs the open-source workerd, which does not enforce the production PBKDF2 cap:
 * a count above it would pass every local test and break every login once deployed.
 */
const workersConfigSchema = configSchema.extend({
  PBKDF2_ITERATIONS: pbkdf2Iterations
    .max(
      WORKERS_PBKDF2_MAX_ITERATIONS,
      `Cloudflare Workers refuse PBKDF2 above ${WORKERS_PBKDF2_MAX_ITERATIONS} iterations`,
    )
    .default(WORKERS_PBKDF2_MAX_ITERATIONS),
});

export type AppConfig = z.output<typeof configSchema>;

export interface LoadConfigOptions {
  /** The platform the config is for; `workers` adds the limits of Cloudflare Workers. */
  runtime?: 'workers';
}

/** Parses the environment; throws one readable error listing every bad setting. */
export function loadConfig(
  env: Record<string, unknown>,
  options: LoadConfigOptions = {},
): AppConfig {
  const schema = options.runtime === 'workers' ? workersConfigSchema : configSchema;
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
