/**
 * @module
 * The portal's configuration, read once from the environment (Workers bindings, `process.env`
 * or `Deno.env`) and validated, so a bad setting stops the start with a clear message.
 */
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';
import {
  DEFAULT_FIRST_RESPONSE_HOURS,
  LANGUAGES,
  URGENCIES,
  type Urgency,
} from '../contract/domain.ts';

/** Cloudflare Workers refuse PBKDF2 above this many iterations in production. */
export const WORKERS_PBKDF2_MAX_ITERATIONS = 100_000;

// Settings are checked once at start: an operator reads these messages, so they are in English.
z.config(en());

const httpUrl = z.url({ protocol: /^https?$/ });
const nonEmpty = z.string().check(z.minLength(1));

/** A whole number from the environment's text, within bounds, or `fallback` when unset. */
function whole(min: number, max: number, fallback: number) {
  return z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);
}

const list = z.pipe(
  z.string(),
  z.transform((value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
);

const origin = z.pipe(
  z.pipe(
    z.string().check(
      z.refine((value) => !value.includes('*'), {
        message: 'list each origin; a wildcard (*) would let any page call the API',
      }),
    ),
    httpUrl,
  ),
  z.transform((value: string) => new URL(value).origin),
);

/**
 * `critical=1,low=48`: hours until the desk's first answer is due, per urgency; an urgency left
 * out keeps its default (DEFAULT_FIRST_RESPONSE_HOURS).
 */
const firstResponseHours = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const hours = { ...DEFAULT_FIRST_RESPONSE_HOURS };
    for (const item of value.split(',').filter((part) => part.trim())) {
      const [urgency, figure] = item.split('=').map((part) => part.trim());
      const parsed = Number(figure);
      if (!URGENCIES.includes(urgency as Urgency) || !Number.isInteger(parsed) || parsed < 1) {
        ctx.issues.push({
          code: 'custom',
          message: `expected <urgency>=<whole hours>, got "${item}"`,
          input: value,
        });
        return z.NEVER;
      }
      hours[urgency as Urgency] = parsed;
    }
    return hours;
  }),
);

/** PBKDF2 iterations: at least 10,000, at most what the runtime allows. */
function pbkdf2Iterations(max = Infinity, message?: string) {
  return z._default(
    z.coerce.number().check(z.int(), z.minimum(10_000), z.maximum(max, message)),
    WORKERS_PBKDF2_MAX_ITERATIONS,
  );
}

/** One partner of single sign-on: whose tokens, for whom, signed how, checked with which key. */
const partnerSchema = z
  .strictObject({
    id: nonEmpty,
    issuer: nonEmpty,
    audience: nonEmpty,
    /** The organization whose customers this partner logs in, unless a token names another. */
    organization: nonEmpty,
    /**
     * Further organizations this partner may assert (a host serving several): a token's
     * `organization` claim may name one of these or `organization`, and no other.
     */
    organizations: z._default(z.array(nonEmpty), []),
    /**
     * Whether a first sign-on creates the customer from the token's `name`, `language` and
     * `organization` claims (then required in every token of this partner). Off by default.
     */
    createCustomers: z._default(z.boolean(), false),
    algorithms: z.array(z.enum(['RS256', 'ES256'])).check(z.minLength(1)),
    jwksUrl: z.optional(httpUrl),
    publicJwk: z.optional(z.record(z.string(), z.unknown())),
  })
  .check(
    z.refine((partner) => Boolean(partner.jwksUrl) !== Boolean(partner.publicJwk), {
      message: 'a partner needs exactly one of jwksUrl and publicJwk',
    }),
  );

export type PartnerConfig = z.output<typeof partnerSchema>;
/** A partner as written in `PARTNERS`, before defaults. */
export type PartnerSetting = z.input<typeof partnerSchema>;

/** A JSON setting, parsed, then checked with `schema`; a bad one names the setting. */
function jsonSetting<T extends z.ZodMiniType>(name: string, schema: T, fallback: string) {
  return z.pipe(
    z.pipe(
      z._default(z.string(), fallback),
      z.transform((value: string, ctx) => {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          ctx.issues.push({ code: 'custom', message: `${name} must be JSON`, input: value });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );
}

/** RT's default priorities are Low 0, Medium 50, High 100. */
const DEFAULT_RT_PRIORITIES = '{"low":0,"medium":50,"high":75,"critical":100}';
const rtPriority = z.number().check(z.int(), z.minimum(0));

const configSchema = z.object({
  ENVIRONMENT: z._default(z.enum(['development', 'production']), 'production'),
  TOKEN_SECRET: z
    .string({ error: 'not set: set it to at least 32 random characters (openssl rand -base64 48)' })
    .check(
      z.minLength(32, 'TOKEN_SECRET must be at least 32 characters (openssl rand -base64 48)'),
    ),
  ALLOWED_ORIGINS: z._default(z.pipe(list, z.array(origin)), []),
  ACCESS_TOKEN_TTL_SECONDS: whole(60, 86_400, 1800),
  SESSION_TTL_SECONDS: whole(300, 2_592_000, 43_200),
  PBKDF2_ITERATIONS: pbkdf2Iterations(),
  MAX_ATTACHMENT_BYTES: whole(1, 100 * 1024 * 1024, 10 * 1024 * 1024),
  MAX_DESCRIPTION_LENGTH: whole(100, 100_000, 10_000),
  MAX_INFORMATION_LENGTH: whole(100, 100_000, 5_000),
  AUTO_ACCEPT_DAYS: whole(1, 365, 7),
  /** For how many days after a ticket is closed its requester can open a follow-up. */
  FOLLOW_UP_DAYS: whole(0, 3650, 30),
  /** Hours per urgency until the desk's first answer is due (shown to customers, filtered on). */
  FIRST_RESPONSE_HOURS: z._default(firstResponseHours, DEFAULT_FIRST_RESPONSE_HOURS),
  /** Attempts per webhook delivery before it is marked dead. */
  WEBHOOK_MAX_ATTEMPTS: whole(1, 30, 10),
  /**
   * DNS over HTTPS (JSON API) through which the Worker resolves webhook hosts, which it cannot
   * resolve itself; Node and Deno use the system's resolver.
   */
  WEBHOOK_DOH_URL: z._default(httpUrl, 'https://cloudflare-dns.com/dns-query'),
  WEBHOOK_TIMEOUT_MS: whole(100, 60_000, 10_000),
  /** The first retry's delay; each further retry waits twice as long (at most six hours). */
  WEBHOOK_BACKOFF_SECONDS: whole(1, 3600, 30),
  /** How often Node and Deno run the scheduled job; Workers use the cron of wrangler.toml. */
  JOB_INTERVAL_SECONDS: whole(1, 3600, 60),
  /** Signs captcha challenges; when unset, a key derived from TOKEN_SECRET is used. */
  ALTCHA_HMAC_KEY: z.optional(
    z.string().check(z.minLength(32, 'ALTCHA_HMAC_KEY must be at least 32 characters')),
  ),
  /** PBKDF2 iterations per captcha attempt; about 256 attempts solve one. */
  CAPTCHA_COST: whole(1, 100_000, 5_000),
  /**
   * The header a trusted proxy puts the client's address in (e.g. `X-Real-IP`). Unset, the
   * runtime's own view is used (CF-Connecting-IP on Workers, the socket on Node and Deno): a
   * header the client itself can set is never trusted by default.
   */
  CLIENT_IP_HEADER: z.optional(z.string()),
  /** Fixed-window rate limits: attempts per window, per e-mail and per client address. */
  RATE_LIMIT_WINDOW_SECONDS: whole(1, 86_400, 900),
  RATE_LIMIT_PER_EMAIL: whole(1, Infinity, 10),
  RATE_LIMIT_PER_ADDRESS: whole(1, Infinity, 50),
  /** Failed logins for one e-mail before it is locked for LOCKOUT_SECONDS. */
  LOCKOUT_FAILURES: whole(1, Infinity, 5),
  LOCKOUT_SECONDS: whole(1, 86_400, 900),
  DEFAULT_LANGUAGE: z._default(z.enum(LANGUAGES), 'es'),
  CONTACT_NAME: z.optional(z.string()),
  CONTACT_EMAIL: z.optional(z.string()),
  CONTACT_PHONE: z.optional(z.string()),
  CONTACT_HOURS: z.optional(z.string()),
  CONTACT_URL: z.optional(z.string()),
  /**
   * The page that embeds the portal, for the ticket links of e-mails (`<page>#sp/ticket/<n>`).
   * Node defaults it to its own demo page.
   */
  PORTAL_URL: z.optional(httpUrl),
  /**
   * `console` prints and keeps mail (development only); `postmark`, `resend` and `ses` (Amazon
   * SES) send it through the provider's HTTP API (edge/mail/mailer.ts says what each needs).
   */
  MAIL_PROVIDER: z._default(z.enum(['console', 'postmark', 'resend', 'ses']), 'console'),
  /** Postmark's server token or Resend's API key (a secret). */
  MAIL_API_TOKEN: z.optional(z.string()),
  MAIL_FROM: z.optional(z.string()),
  /** The provider's endpoint, when not its public one; tests point it at a local server. */
  MAIL_API_URL: z.optional(httpUrl),
  /** Amazon SES: the region of the sending identity, and an access key allowed `ses:SendEmail`. */
  SES_REGION: z.optional(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region, like eu-west-1')),
  ),
  SES_ACCESS_KEY_ID: z.optional(z.string()),
  SES_SECRET_ACCESS_KEY: z.optional(z.string()),
  /**
   * The one-line definition of each urgency on the new-ticket form, per language, replacing the
   * widget's own: JSON such as `{"critical": {"es": "…", "en": "…"}}`, any subset.
   */
  URGENCY_DEFINITIONS: z.pipe(
    z.pipe(
      z._default(z.string(), '{}'),
      z.transform((value: string, ctx) => {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          ctx.issues.push({
            code: 'custom',
            message: 'URGENCY_DEFINITIONS must be JSON',
            input: value,
          });
          return z.NEVER;
        }
      }),
    ),
    z.partialRecord(
      z.enum(URGENCIES),
      z.partialRecord(
        z.enum(LANGUAGES),
        z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      ),
    ),
  ),
  /** Attempts per e-mail before it is marked dead. */
  MAIL_MAX_ATTEMPTS: whole(1, 30, 8),
  /** The first retry's delay; each further retry waits twice as long (at most six hours). */
  MAIL_BACKOFF_SECONDS: whole(1, 3600, 60),
  /** Retention (edge/jobs/retention.ts): subjects and bodies of sent e-mails, kept this long. */
  RETENTION_MAIL_BODY_DAYS: whole(1, 3650, 7),
  /** Used or expired set-password links, kept this long after use or expiry. */
  RETENTION_RESET_LINK_DAYS: whole(0, 365, 1),
  /** Rate-limit and lockout counters, kept this long after their window ended. */
  RETENTION_RATE_LIMIT_DAYS: whole(0, 365, 1),
  /**
   * Stored bytes of an upload that never committed its row, removed after this many hours; 0
   * (tests only) would race uploads in flight, and production refuses it (config-check.ts).
   */
  RETENTION_UPLOAD_HOURS: whole(0, 8760, 24),
  /** How often Node and Deno run retention; Workers use the hourly cron of wrangler.toml. */
  RETENTION_INTERVAL_MINUTES: whole(1, 1440, 60),
  /** Partners whose signed tokens log their users in (JSON list, see edge/lib/partner-tokens.ts). */
  PARTNERS: z.pipe(
    z.pipe(
      z._default(z.string(), '[]'),
      z.transform((value: string, ctx) => {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          ctx.issues.push({ code: 'custom', message: 'PARTNERS must be JSON', input: value });
          return z.NEVER;
        }
      }),
    ),
    z.array(partnerSchema),
  ),
  /** The oldest partner token accepted, by its `iat`, whatever its `exp` says. */
  PARTNER_TOKEN_MAX_AGE_SECONDS: whole(10, 3600, 300),
  /** Request Tracker 5 to connect to (edge/connectors/rt.ts); unset, no ticket tool is connected. */
  RT_URL: z.optional(httpUrl),
  /** An RT auth token (RT: Logged in as → Settings → Auth Tokens), sent as `Authorization: token`. */
  RT_TOKEN: z.optional(nonEmpty),
  /** `user:password` for RT's basic auth: development only (tests and the demo). */
  RT_BASIC_AUTH: z.optional(
    z.string().check(z.regex(/^[^:]+:.+$/, 'RT_BASIC_AUTH must be user:password')),
  ),
  /** The queue of a ticket whose category (nor any category above it) is in RT_QUEUES. */
  RT_DEFAULT_QUEUE: z._default(nonEmpty, 'General'),
  /** Category id or path (labels joined by "/", any language) → RT queue, as JSON. */
  RT_QUEUES: jsonSetting('RT_QUEUES', z.record(z.string(), nonEmpty), '{}'),
  /** Urgency → RT priority, as JSON. */
  RT_PRIORITIES: jsonSetting(
    'RT_PRIORITIES',
    z.strictObject(
      Object.fromEntries(URGENCIES.map((urgency) => [urgency, rtPriority])) as Record<
        Urgency,
        typeof rtPriority
      >,
    ),
    DEFAULT_RT_PRIORITIES,
  ),
  /** How often Node and Deno sync with RT; Workers sync on the cron of wrangler.toml. */
  RT_SYNC_SECONDS: whole(1, 3600, 30),
  /** The ticket custom field that holds the portal's id of an RT ticket (how it is found again). */
  RT_TICKET_FIELD: z._default(nonEmpty, 'Portal ticket'),
  /** The transaction custom field that holds the portal's id of a customer's message. */
  RT_MESSAGE_FIELD: z._default(nonEmpty, 'Portal message'),
  /** A ticket custom field whose value, when set, is the solution shown to the customer. */
  RT_SOLUTION_FIELD: z.optional(nonEmpty),
  RT_TIMEOUT_MS: whole(100, 120_000, 15_000),
  /** Attempts per message to RT before it is marked dead (shown by `rt:deliveries`). */
  RT_MAX_ATTEMPTS: whole(1, 30, 10),
  /** The first retry's delay; each further retry waits twice as long (at most six hours). */
  RT_BACKOFF_SECONDS: whole(1, 3600, 30),
});

/** RT settings that only make sense together, checked once each is valid on its own. */
function connectorProblems(config: z.output<typeof configSchema>): string[] {
  if (!config.RT_URL) {
    return config.RT_TOKEN || config.RT_BASIC_AUTH
      ? ['RT_URL: RT_URL is required with RT_TOKEN']
      : [];
  }
  const problems: string[] = [];
  if (!config.RT_TOKEN && !config.RT_BASIC_AUTH) problems.push('RT_TOKEN: RT_URL needs RT_TOKEN');
  if (config.RT_BASIC_AUTH && config.ENVIRONMENT === 'production')
    problems.push('RT_BASIC_AUTH: RT_BASIC_AUTH is for development; use RT_TOKEN in production');
  return problems;
}

/**
 * `wrangler dev` runs the open-source workerd, which does not enforce the production PBKDF2 cap:
 * a count above it would pass every local test and break every login once deployed.
 */
const workersConfigSchema = z.extend(configSchema, {
  PBKDF2_ITERATIONS: pbkdf2Iterations(
    WORKERS_PBKDF2_MAX_ITERATIONS,
    `Cloudflare Workers refuse PBKDF2 above ${WORKERS_PBKDF2_MAX_ITERATIONS} iterations`,
  ),
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
  const problems = result.success
    ? connectorProblems(result.data)
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
  return result.data!;
}
